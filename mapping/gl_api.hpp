// The one place that pulls in OpenGL declarations. With glvnd/Mesa, libGL exports every core entry point,
// so prototypes from glext.h link directly and no loader library is needed.
#pragma once

#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES 1
#endif
#include <GL/gl.h>
#include <GL/glext.h>
