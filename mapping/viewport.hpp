#pragma once
// Placeholder until the mapping layer lands: see mapping/CMakeLists.txt.
