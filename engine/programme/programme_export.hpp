// `samenkaart export DB`: the research file (GeoPackage, GeoJSON or CSV) written from the programme
// store instead of from project files. Each published project is read back from the server into a
// temporary project file of its own, and the export of many projects (the `merge` path) writes
// them into one file, so the file is the same self-describing research file, with a `project`
// column (werkplaats-project) and the counts per buurt across all projects included. The output
// CRS is the store's common one unless --crs says otherwise.
#pragma once

#include <string>
#include <vector>

#include "engine/export/options.hpp"
#include "engine/export/project_export.hpp"
#include "engine/programme/pg_connection.hpp"

namespace samenkaart::programme {

// `werkplaatsen` empty: all of them. Throws Error naming the server or the output file.
ExportReport exportProgramme(pg::Connection& c, const std::string& outPath, const ExportOptions& options,
                             const std::vector<std::string>& werkplaatsen, const ExportProgress& progress = {});

// Whether a command-line argument names a programme store rather than a project file: a
// postgresql:// URI, or a libpq string (key=value) that is not an existing file.
bool looksLikeProgrammeStore(const std::string& argument);

}  // namespace samenkaart::programme
