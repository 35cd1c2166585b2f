#include "gui/window/panels/export_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <filesystem>

#include "engine/error.hpp"
#include "engine/export/selection.hpp"
#include "gui/window/panels/category_palette.hpp"
#include "gui/window/panels/on_screen_keyboard.hpp"
#include "gui/window/panels/touch_widgets.hpp"
#include "gui/window/theme_imgui.hpp"
#include "mapping/map_style.hpp"

namespace samenkaart::gui {
namespace {

void sectionLabel(const char* text) {
    ImGui::Spacing();
    ImGui::TextDisabled("%s", text);
}

}  // namespace

void ExportPanel::open(const PanelContext& ctx) {
    if (!ctx.project || job_.running()) return;
    error_.clear();
    report_.reset();
    customCrs_ = false;
    projectPath_ = ctx.project->path();
    currentSession_ = ctx.project->currentSession();
    try {
        categories_ = CategoryStore(ctx.project->project().db()).list();
        sessions_ = ctx.project->sessions().list();
        mapCrs_ = ctx.project->project().mapCrs().name;
    } catch (const Error& e) {
        error_ = e.what();
    }
    choices_ = defaultExportChoices(categories_, projectPath_, defaultExportFolder(projectPath_, documentsFolder()),
                                    localDay());
    recount(*ctx.project);
    view_ = View::Form;
}

void ExportPanel::close(const PanelContext& ctx) {
    if (job_.running()) return;  // the file is being written: the dialog stays until it is done
    if (ctx.keyboard) ctx.keyboard->detach();
    view_ = View::Hidden;
}

void ExportPanel::recount(ProjectState& project) {
    // On opening and on each changed choice (a tap), not once a frame: the export's own selection.
    ExportOptions options = toExportOptions(choices_, categories_, currentSession_);
    options.includeUnconsented = false;
    try {
        leftOut_ = countExportPins(project.project().db(), options).leftOutUnconsented;
    } catch (const Error& e) {
        leftOut_ = 0;
        error_ = e.what();
    }
}

void ExportPanel::startExport(const PanelContext& ctx, bool overwrite) {
    error_.clear();
    if (const char* problem = exportChoicesProblem(choices_, currentSession_)) {
        error_ = ctx.tr(problem);
        return;
    }
    choices_.outPath = withExportExtension(choices_.outPath, choices_.format);
    if (const char* problem = exportFolderProblem(choices_.outPath)) {
        error_ = std::string(ctx.tr(problem)) + "\n" + choices_.outPath;
        return;
    }
    if (!overwrite && exportOutputExists(choices_.outPath, choices_.format)) {
        view_ = View::ConfirmOverwrite;
        return;
    }
    ExportOptions options = toExportOptions(choices_, categories_, currentSession_);
    options.overwrite = overwrite;
    runningPath_ = choices_.outPath;
    runningAnonymized_ = options.anonymize == Anonymize::Always;
    runningCoarsen_ = options.coarsenMetres;
    if (ctx.keyboard) ctx.keyboard->detach();
    job_.start(projectPath_, choices_.outPath, options);
    view_ = View::Running;
}

void ExportPanel::draw(const PanelContext& ctx, float bottomInset) {
    if (view_ == View::Hidden) return;
    const TopDialog dialog = beginTopDialog(ctx, "##export", bottomInset);
    const float inner = dialog.inner;
    if (view_ == View::Running) {
        if (auto outcome = job_.takeOutcome()) {
            if (outcome->report) {
                report_ = std::move(outcome->report);
                view_ = View::Done;
            } else {
                // One message: what went wrong in words, the file, and the engine's own detail.
                error_ = std::string(ctx.tr(exportFailureKey(outcome->kind))) + "\n" + runningPath_ + "\n(" +
                         outcome->error + ")";
                view_ = View::Form;
            }
        }
    }
    switch (view_) {
        case View::Form:
            drawForm(ctx, dialog.width, dialog.bottom);
            break;
        case View::ConfirmOverwrite:
            drawConfirmOverwrite(ctx, inner);
            break;
        case View::Running:
            drawRunning(ctx, inner);
            break;
        case View::Done:
            drawDone(ctx, inner);
            break;
        case View::Hidden:
            break;
    }
    ImGui::End();
}

void ExportPanel::drawForm(const PanelContext& ctx, float width, float bottom) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float inner = width - 2 * style.WindowPadding.x;
    heading(ctx.tr("export.title"));
    // Export / Cancel at the top: always in reach, never under the on-screen keyboard.
    const float half = (inner - style.ItemSpacing.x) * 0.5f;
    const bool exportNow = bigButton(ctx, ctx.tr("export.start"), "export.start", half);
    ImGui::SameLine();
    bool cancel = bigButton(ctx, ctx.tr("form.cancel"), "export.cancel", half);
    if (!error_.empty()) errorText(error_, inner);
    ImGui::Separator();

    // The options scroll inside the dialog (scroll bar, wheel, or dragging with a finger).
    beginScrollBody(optionsBody_, "##export_options", bottom);
    drawOptions(ctx, inner - style.ScrollbarSize - style.ItemSpacing.x);
    endScrollBody(optionsBody_);
    endFooter(optionsBody_);          // no footer: the buttons sit above the options
    noteItem(ctx, "export.options");  // the visible part of the scrolling options

    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) cancel = true;
    if (ctx.keyboard && ctx.keyboard->takeEnter()) ctx.keyboard->detach();
    if (cancel)
        close(ctx);
    else if (exportNow)
        startExport(ctx, false);
}

void ExportPanel::drawOptions(const PanelContext& ctx, float inner) {
    const bool dutch = ctx.tr.language() == Language::Dutch;
    bool changed = false;

    sectionLabel(ctx.tr("export.format"));
    {
        ChipRow row(ctx, inner);
        const std::pair<ExportFormat, const char*> formats[] = {{ExportFormat::GeoPackage, "export.format_gpkg"},
                                                                {ExportFormat::GeoJson, "export.format_geojson"},
                                                                {ExportFormat::Csv, "export.format_csv"}};
        for (const auto& [format, key] : formats)
            if (row.chip(ctx.tr(key), std::string(key), choices_.format == format)) {
                choices_.format = format;
                choices_.outPath = withExportExtension(choices_.outPath, format);
            }
        if (choices_.format != ExportFormat::GeoPackage) wrappedText(ctx.tr("export.pins_only"), inner);
    }
    textField(ctx, ctx.tr("export.file"), "export.file", choices_.outPath);

    sectionLabel(ctx.tr("export.sessions"));
    {
        ChipRow row(ctx, inner);
        if (row.chip(ctx.tr("export.sessions_all"), "export.sessions_all", choices_.sessions == SessionScope::All)) {
            choices_.sessions = SessionScope::All;
            changed = true;
        }
        if (currentSession_ && row.chip(ctx.tr("export.sessions_current"), "export.sessions_current",
                                        choices_.sessions == SessionScope::Current)) {
            choices_.sessions = SessionScope::Current;
            changed = true;
        }
        if (row.chip(ctx.tr("export.sessions_chosen"), "export.sessions_chosen",
                     choices_.sessions == SessionScope::Chosen)) {
            choices_.sessions = SessionScope::Chosen;
            changed = true;
        }
    }
    if (choices_.sessions == SessionScope::Chosen) {
        ChipRow row(ctx, inner);
        for (const Session& session : sessions_) {
            const bool on = choices_.chosenSessions.contains(session.id);
            std::string label = session.title + " \xC2\xB7 " + session.startedAt.substr(0, 10);
            if (!session.consent) label += " \xC2\xB7 " + std::string(ctx.tr("export.no_consent"));
            if (row.chip(label, "export.session." + std::to_string(session.id), on)) {
                if (on)
                    choices_.chosenSessions.erase(session.id);
                else
                    choices_.chosenSessions.insert(session.id);
                changed = true;
            }
        }
    }

    sectionLabel(ctx.tr("export.categories"));
    {
        ChipRow row(ctx, inner);
        for (const Category& c : categories_) {
            const Colour colour = colourFromHex(c.colour);
            const bool on = choices_.categories.contains(c.code);
            std::string label = dutch ? c.labelNl : c.labelEn;
            if (c.personal) label += " (" + std::string(ctx.tr("export.personal")) + ")";
            if (row.chip(label, "export.category." + c.code, on, &colour)) {
                if (on)
                    choices_.categories.erase(c.code);
                else
                    choices_.categories.insert(c.code);
                followCategories(choices_, categories_);
                changed = true;
            }
        }
    }

    sectionLabel(ctx.tr("export.period"));
    const std::string from = choices_.from, to = choices_.to;
    textField(ctx, ctx.tr("export.from"), "export.from", choices_.from);
    textField(ctx, ctx.tr("export.to"), "export.to", choices_.to);
    if (from != choices_.from || to != choices_.to) changed = true;

    sectionLabel(ctx.tr("export.privacy"));
    bool anonymize = choices_.anonymize;
    if (bigCheckbox(ctx, ctx.tr("export.anonymize"), "export.anonymize", anonymize)) {
        choices_.anonymize = anonymize;
        choices_.anonymizeChosen = true;
    }
    if (choices_.anonymize) noteItem(ctx, "export.anonymize.on");  // its state, for scripted tests
    wrappedText(ctx.tr("export.anonymize_explain"), inner);
    std::string personal;
    for (const Category& c : categories_)
        if (c.personal && choices_.categories.contains(c.code))
            personal += (personal.empty() ? "" : ", ") + (dutch ? c.labelNl : c.labelEn);
    if (!personal.empty()) wrappedText(fillIn(ctx.tr("export.personal_note"), personal).c_str(), inner);

    ImGui::TextUnformatted(ctx.tr("export.coarsen"));
    {
        ChipRow row(ctx, inner);
        if (row.chip(ctx.tr("export.coarsen_off"), "export.coarsen.off", choices_.coarsenMetres.empty()))
            choices_.coarsenMetres.clear();
        for (const char* metres : {"50", "100", "250", "500"})
            if (row.chip(std::string(metres) + " m", std::string("export.coarsen.") + metres,
                         choices_.coarsenMetres == metres))
                choices_.coarsenMetres = metres;
    }
    textField(ctx, ctx.tr("export.coarsen_metres"), "export.coarsen_metres", choices_.coarsenMetres);

    sectionLabel(ctx.tr("export.include"));
    if (bigCheckbox(ctx, ctx.tr("export.include_deleted"), "export.include_deleted", choices_.includeDeleted))
        changed = true;
    wrappedText(ctx.tr("export.include_deleted_explain"), inner);
    // The count is of the pins this rule concerns, whether they are left out or (ticked) included.
    const std::string unconsented =
        fillIn(ctx.tr("export.include_unconsented"), ctx.tr.formatNumber(static_cast<double>(leftOut_), 0));
    if (bigCheckbox(ctx, unconsented.c_str(), "export.include_unconsented", choices_.includeUnconsented))
        changed = true;
    if (leftOut_ > 0 && !choices_.includeUnconsented) {
        ImGui::PushStyleColor(ImGuiCol_Text, imColour(theme::kWarning));
        wrappedText(fillIn(ctx.tr("export.left_out"), ctx.tr.formatNumber(static_cast<double>(leftOut_), 0)).c_str(),
                    inner);
        ImGui::PopStyleColor();
    }

    sectionLabel(ctx.tr("export.crs"));
    {
        ChipRow row(ctx, inner);
        const std::string mapLabel = std::string(ctx.tr("export.crs_map")) + " (" + mapCrs_ + ")";
        if (row.chip(mapLabel, "export.crs.map", choices_.crs.empty() && !customCrs_)) {
            choices_.crs.clear();
            customCrs_ = false;
        }
        if (row.chip(ctx.tr("export.crs_wgs84"), "export.crs.wgs84", choices_.crs == "EPSG:4326" && !customCrs_)) {
            choices_.crs = "EPSG:4326";
            customCrs_ = false;
        }
        if (row.chip(ctx.tr("export.crs_other"), "export.crs.other", customCrs_)) customCrs_ = true;
    }
    if (customCrs_) textField(ctx, ctx.tr("export.crs_code"), "export.crs_code", choices_.crs);

    if (changed) recount(*ctx.project);
}

void ExportPanel::drawConfirmOverwrite(const PanelContext& ctx, float inner) {
    heading(ctx.tr("export.exists_title"));
    wrappedText(ctx.tr("export.exists"), inner);
    wrappedText(choices_.outPath.c_str(), inner);
    const float third = (inner - 2 * ImGui::GetStyle().ItemSpacing.x) / 3.0f;
    if (bigButton(ctx, ctx.tr("export.replace"), "export.replace", third)) startExport(ctx, true);
    ImGui::SameLine();
    if (bigButton(ctx, ctx.tr("export.new_name"), "export.new_name", third)) {
        choices_.outPath = unusedFileName(choices_.outPath, choices_.format);
        startExport(ctx, false);
    }
    ImGui::SameLine();
    if (bigButton(ctx, ctx.tr("export.back"), "export.back", third) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
        view_ = View::Form;
}

void ExportPanel::drawRunning(const PanelContext& ctx, float inner) {
    heading(ctx.tr("export.running"));
    wrappedText(runningPath_.c_str(), inner);
    const char* step = "export.step_opening";
    switch (job_.step()) {
        case ExportStep::Opening:
            step = "export.step_opening";
            break;
        case ExportStep::Selecting:
            step = "export.step_selecting";
            break;
        case ExportStep::Writing:
            step = "export.step_writing";
            break;
        case ExportStep::Done:
            step = "export.step_done";
            break;
    }
    ImGui::ProgressBar(static_cast<float>(job_.fraction()), ImVec2(inner, kTouchTarget * ctx.uiScale), ctx.tr(step));
    noteItem(ctx, "export.progress");
    wrappedText(ctx.tr("export.wait"), inner);
}

void ExportPanel::drawDone(const PanelContext& ctx, float inner) {
    if (!report_) return;
    const ExportReport& r = *report_;
    heading(ctx.tr("export.done"));
    ImGui::TextUnformatted(ctx.tr("export.written_to"));
    ImGui::PushStyleColor(ImGuiCol_Text, imColour(theme::kSuccess));
    wrappedText(r.outPath.c_str(), inner);
    ImGui::PopStyleColor();
    noteItem(ctx, "export.written_path");
    if (!r.metadataPath.empty()) {  // CSV and GeoJSON: the codebook beside the data
        ImGui::TextUnformatted(ctx.tr("export.metadata_to"));
        wrappedText(r.metadataPath.c_str(), inner);
    }
    auto number = [&](int64_t n) { return ctx.tr.formatNumber(static_cast<double>(n), 0); };
    ImGui::Text("%s: %s", ctx.tr("export.count_pins"), number(r.pins).c_str());
    if (r.format == ExportFormat::GeoPackage) {
        ImGui::Text("%s: %s", ctx.tr("export.count_boundaries"), number(r.boundaries).c_str());
        ImGui::Text("%s: %s", ctx.tr("export.count_sessions"), number(r.sessions).c_str());
        ImGui::Text("%s: %s", ctx.tr("export.count_history"), number(r.historyRows).c_str());
    }
    ImGui::Text("%s: %s (%s)", ctx.tr("export.format"), exportFormatName(r.format), r.crsName.c_str());
    if (runningAnonymized_) wrappedText(ctx.tr("export.was_anonymized"), inner);
    if (runningCoarsen_)
        wrappedText(fillIn(ctx.tr("export.was_coarsened"), ctx.tr.formatNumber(*runningCoarsen_, 0)).c_str(), inner);
    if (r.leftOutUnconsented > 0)
        wrappedText(fillIn(ctx.tr("export.left_out_done"), number(r.leftOutUnconsented)).c_str(), inner);
    if (r.pinsOutsideBoundaries > 0)
        wrappedText(fillIn(ctx.tr("export.outside"), number(r.pinsOutsideBoundaries)).c_str(), inner);
    for (const std::string& w : r.warnings) wrappedText(w.c_str(), inner);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 8 * ctx.uiScale);
    if (bigButton(ctx, ctx.tr("card.close"), "export.close", -1) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
        close(ctx);
}

}  // namespace samenkaart::gui
