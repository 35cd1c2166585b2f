#include "gui/window/logic/i18n.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>
#include <string_view>
#include <unordered_map>

namespace samenkaart::gui {
namespace {

struct Entry {
    const char* nl;
    const char* en;
};

const std::unordered_map<std::string_view, Entry>& catalog() {
    static const std::unordered_map<std::string_view, Entry> kCatalog = {
        {"app.title", {"Samenkaart", "Samenkaart"}},
        {"map.loading", {"Kaart laden...", "Loading map..."}},
        {"map.load_failed", {"De kaart kon niet worden geladen", "The map could not be loaded"}},
        {"map.zoom_in", {"Inzoomen", "Zoom in"}},
        {"map.zoom_out", {"Uitzoomen", "Zoom out"}},
        {"map.whole", {"Hele wijk", "Whole area"}},
        {"map.north", {"N", "N"}},
        {"legend.title", {"Legenda", "Legend"}},
        {"card.close", {"Sluiten", "Close"}},
        {"card.unreadable", {"Deze pin kon niet worden gelezen.", "This pin could not be read."}},
        {"card.pins_here", {"Pins in deze buurt", "Pins in this area"}},
        {"card.attributes", {"Gegevens", "Attributes"}},
        {"card.no_pins", {"Nog geen pins", "No pins yet"}},
        {"card.total", {"Totaal", "Total"}},
        {"card.area", {"Oppervlakte", "Area"}},
        {"card.area_km2", {"{} km\u00b2", "{} km\u00b2"}},
        {"card.per_km2", {"Pins per km\u00b2", "Pins per km\u00b2"}},
        {"status.not_saved", {"Niet alles opgeslagen", "Not everything is saved"}},
        {"status.saved", {"Alles opgeslagen", "All saved"}},
        {"status.read_only", {"Alleen bekijken", "View only"}},
        {"status.crs", {"Kaart", "Map"}},
        {"status.read_failed", {"Lezen mislukt", "Could not read"}},
        {"menu.language", {"English", "Nederlands"}},
        {"layers.title", {"Lagen", "Layers"}},
        {"layers.hide", {"Lagen verbergen", "Hide layers"}},
        {"layers.opacity_format", {"dekking %.2f", "opacity %.2f"}},
        {"layers.pins", {"Pins tonen als", "Show pins as"}},
        {"layers.pins_each", {"Losse pins", "Each pin"}},
        {"layers.pins_clusters", {"Groepen met aantal", "Groups with a count"}},
        {"layers.pins_density", {"Dichtheid", "Density"}},
        {"layers.pins_buurt_count", {"Aantal per buurt", "Number per buurt"}},
        {"layers.pins_buurt_density", {"Per km\u00b2 per buurt", "Per km\u00b2 per buurt"}},
        {"filter.title", {"Welke pins", "Which pins"}},
        {"filter.sessions", {"Sessie", "Session"}},
        {"filter.all_sessions", {"Alle sessies", "Every session"}},
        {"filter.werkplaatsen", {"Werkplaats", "Werkplaats"}},
        {"filter.all_werkplaatsen", {"Alle werkplaatsen", "Every werkplaats"}},
        {"filter.this_session", {"Deze sessie", "This session"}},
        {"filter.categories", {"Soort", "Kind"}},
        {"filter.period", {"Gemaakt", "Made"}},
        {"filter.period_all", {"Altijd", "Any time"}},
        {"filter.period_today", {"Vandaag", "Today"}},
        {"filter.period_week", {"Afgelopen 7 dagen", "Last 7 days"}},
        {"filter.period_month", {"Afgelopen 30 dagen", "Last 30 days"}},
        {"filter.period_year", {"Dit jaar", "This year"}},
        {"filter.clear", {"Alle pins tonen", "Show every pin"}},
        {"filter.shown_of", {"{} van {}", "{} of {}"}},
        {"filter.on", {"Filter aan", "Filter on"}},
        {"toast.hidden_by_filter",
         {"het filter verbergt deze pin: tik op Lagen, Alle pins tonen",
          "the filter hides this pin: tap Layers, Show every pin"}},
        {"density.title", {"Pins per km\u00b2 (straal {} m)", "Pins per km\u00b2 (radius {} m)"}},
        {"choropleth.count_title", {"Pins per buurt", "Pins per buurt"}},
        {"choropleth.density_title", {"Pins per km\u00b2 van de buurt", "Pins per km\u00b2 of the buurt"}},
        {"layers.remove", {"Verwijder", "Remove"}},
        {"layers.add", {"Toevoegen", "Add"}},
        {"layers.add_hint", {"Kaartlaag toevoegen (pad naar bestand):", "Add a map layer (path to a file):"}},
        {"layers.locked",
         {"Vergrendeld: alleen de begeleider kan lagen toevoegen, verwijderen of verschuiven.",
          "Locked: only the facilitator can add, remove or reorder layers."}},
        {"layers.remove_confirm",
         {"Laag '{}' verwijderen? Dit kan niet ongedaan worden gemaakt.",
          "Remove the layer '{}'? This cannot be undone."}},
        {"layers.remove_no", {"Nee, houden", "No, keep it"}},
        {"layers.remove_yes", {"Ja, verwijderen", "Yes, remove"}},
        {"error.title", {"Er ging iets mis", "Something went wrong"}},
        {"error.ok", {"OK", "OK"}},
        {"card.contributor", {"Ingebracht door", "Contributed by"}},
        {"card.delete", {"Verwijderen", "Delete"}},
        {"card.delete_confirm",
         {"Deze pin verwijderen? Ongedaan maken brengt hem terug.", "Delete this pin? Undo brings it back."}},
        {"card.delete_no", {"Nee, bewaren", "No, keep it"}},
        {"card.delete_yes", {"Ja, verwijderen", "Yes, delete"}},
        {"card.edit", {"Bewerken", "Edit"}},
        {"card.move", {"Verplaatsen", "Move"}},
        {"counts.buurt", {"Buurt", "Area"}},
        {"counts.scope_all", {"Alle pins, van alle sessies", "All pins, of every session"}},
        {"counts.scope_session", {"Alleen de pins van deze sessie", "Only the pins of this session"}},
        {"pins.one", {"{} pin", "{} pin"}},
        {"pins.other", {"{} pins", "{} pins"}},
        {"buurten.one", {"{} buurt", "{} area"}},
        {"buurten.other", {"{} buurten", "{} areas"}},
        {"field.buurtnaam", {"Naam", "Name"}},
        {"field.buurtcode", {"Buurtcode", "Area code"}},
        {"field.wijknaam", {"Wijk", "District"}},
        {"field.wijkcode", {"Wijkcode", "District code"}},
        {"field.gemeentenaam", {"Gemeente", "Municipality"}},
        {"field.naam", {"Naam", "Name"}},
        {"field.name", {"Naam", "Name"}},
        {"field.inwoners", {"Inwoners", "Residents"}},
        {"field.aantal_inwoners", {"Inwoners", "Residents"}},
        {"field.huishoudens", {"Huishoudens", "Households"}},
        {"field.woningen", {"Woningen", "Homes"}},
        {"field.oppervlakte", {"Oppervlakte", "Area"}},
        {"counts.outside", {"Buiten de buurten", "Outside the areas"}},
        {"counts.title", {"Tellingen per buurt", "Counts per area"}},
        {"form.cancel", {"Annuleren", "Cancel"}},
        {"form.category", {"Soort", "Category"}},
        {"form.choose_category", {"Kies eerst een soort", "Choose a category first"}},
        {"form.contributor", {"Naam of alias (mag leeg)", "Name or alias (optional)"}},
        {"form.description", {"Toelichting", "Description"}},
        {"form.edit_title", {"Pin bewerken", "Edit pin"}},
        {"form.new_title", {"Nieuwe pin", "New pin"}},
        {"form.retry", {"Opnieuw proberen", "Try again"}},
        {"form.save", {"Opslaan", "Save"}},
        {"form.title", {"Titel", "Title"}},
        {"form.title_required", {"Een titel is nodig", "A title is required"}},
        {"form.unsaved", {"Nog niet opgeslagen", "Not saved yet"}},
        {"export.anonymize", {"Anoniem maken", "Anonymize"}},
        {"export.anonymize_explain",
         {"Namen en aliassen gaan niet mee, en ook de extra velden van persoonlijke soorten niet. Titels en "
          "toelichtingen blijven zoals geschreven.",
          "Names and aliases are left out, and so are the extra fields of personal categories. Titles and descriptions "
          "stay as written."}},
        {"export.back", {"Terug", "Back"}},
        {"export.bad_coarsen",
         {"Grover maken: vul een positief aantal meter in, of kies Uit",
          "Coarsen: enter a positive number of metres, or choose Off"}},
        {"export.bad_extension",
         {"De bestandsnaam moet eindigen op .gpkg, .geojson of .csv",
          "The file name must end in .gpkg, .geojson or .csv"}},
        {"export.bad_from",
         {"Vanaf: schrijf de datum als JJJJ-MM-DD (bijv. 2026-11-01)",
          "From: write the date as YYYY-MM-DD (e.g. 2026-11-01)"}},
        {"export.bad_to",
         {"Tot en met: schrijf de datum als JJJJ-MM-DD (bijv. 2026-11-30)",
          "To: write the date as YYYY-MM-DD (e.g. 2026-11-30)"}},
        {"export.categories", {"Soorten", "Categories"}},
        {"export.coarsen", {"Locaties grover maken (raster in meters)", "Coarsen locations (grid in metres)"}},
        {"export.coarsen_metres", {"Aantal meter (leeg = niet grover)", "Metres (empty = not coarsened)"}},
        {"export.coarsen_off", {"Uit", "Off"}},
        {"export.count_boundaries", {"Buurten", "Areas"}},
        {"export.count_history", {"Regels bewerkingsgeschiedenis", "Edit history rows"}},
        {"export.count_pins", {"Pins", "Pins"}},
        {"export.count_sessions", {"Sessies", "Sessions"}},
        {"export.crs", {"Coördinatenstelsel", "Coordinate system"}},
        {"export.crs_code", {"Code, bijv. EPSG:3857", "Code, e.g. EPSG:3857"}},
        {"export.crs_map", {"Van de kaart", "The map's"}},
        {"export.crs_other", {"Anders", "Other"}},
        {"export.crs_wgs84", {"WGS 84 (lengte/breedte)", "WGS 84 (lon/lat)"}},
        {"export.disk_full",
         {"De schijf is vol: het bestand kon niet worden geschreven",
          "The disk is full: the file could not be written"}},
        {"export.done", {"Export klaar", "Export done"}},
        {"export.exists",
         {"Dit bestand bestaat al. Vervangen, of onder een nieuwe naam bewaren?",
          "This file already exists. Replace it, or save under a new name?"}},
        {"export.exists_title", {"Bestand bestaat al", "File already exists"}},
        {"export.failed", {"Exporteren is mislukt", "The export failed"}},
        {"export.file", {"Bestand", "File"}},
        {"export.format", {"Bestandsformaat", "File format"}},
        {"export.format_csv", {"CSV (tabel)", "CSV (table)"}},
        {"export.format_geojson", {"GeoJSON", "GeoJSON"}},
        {"export.format_gpkg", {"GeoPackage (aanbevolen)", "GeoPackage (recommended)"}},
        {"export.from", {"Vanaf (JJJJ-MM-DD, mag leeg)", "From (YYYY-MM-DD, optional)"}},
        {"export.from_after_to", {"De datum Vanaf ligt na Tot en met", "The From date is after the To date"}},
        {"export.include", {"Ook meenemen", "Also include"}},
        {"export.include_deleted", {"Verwijderde pins", "Deleted pins"}},
        {"export.include_deleted_explain",
         {"Met de datum waarop ze zijn verwijderd.", "With the date they were deleted."}},
        {"export.include_unconsented", {"Zonder toestemming ({} pins)", "Without consent ({} pins)"}},
        {"export.is_folder", {"Dit is een map: geef een bestandsnaam", "This is a folder: give a file name"}},
        {"export.left_out",
         {"Pins van sessies zonder vastgelegde toestemming gaan niet mee: {}",
          "Pins of sessions without recorded consent are left out: {}"}},
        {"export.left_out_done",
         {"Weggelaten omdat hun sessie geen vastgelegde toestemming heeft: {} pins",
          "Left out because their session has no recorded consent: {} pins"}},
        {"export.need_category", {"Kies minstens één soort", "Choose at least one category"}},
        {"export.need_file", {"Geef een bestandsnaam", "Give a file name"}},
        {"export.need_session", {"Kies minstens één sessie", "Choose at least one session"}},
        {"export.new_name", {"Nieuwe naam", "New name"}},
        {"export.no_consent", {"geen toestemming", "no consent"}},
        {"export.no_current_session",
         {"Er loopt geen sessie: kies Alle of Kiezen", "No session is running: choose All or Choose"}},
        {"export.no_folder", {"Deze map bestaat niet", "This folder does not exist"}},
        {"export.outside", {"Pins buiten alle buurten: {}", "Pins outside every area: {}"}},
        {"export.period", {"Periode (datum van plaatsen)", "Period (date placed)"}},
        {"export.personal", {"persoonlijk", "personal"}},
        {"export.personal_note",
         {"Persoonlijke soorten in deze export: {}. Anoniem maken staat daarom aan.",
          "Personal categories in this export: {}. That is why Anonymize is on."}},
        {"export.pins_only",
         {"GeoJSON en CSV bevatten alleen de pins; GeoPackage ook buurten, tellingen, sessies en geschiedenis.",
          "GeoJSON and CSV hold only the pins; GeoPackage also areas, counts, sessions and history."}},
        {"export.privacy", {"Privacy", "Privacy"}},
        {"export.read_only",
         {"In deze map mag niet worden geschreven (alleen-lezen): kies een andere map",
          "This folder cannot be written to (read-only): choose another folder"}},
        {"export.replace", {"Vervangen", "Replace"}},
        {"export.running", {"Bezig met exporteren...", "Exporting..."}},
        {"export.sessions", {"Sessies", "Sessions"}},
        {"export.sessions_all", {"Alle sessies", "All sessions"}},
        {"export.sessions_chosen", {"Kiezen", "Choose"}},
        {"export.sessions_current", {"Deze sessie", "This session"}},
        {"export.start", {"Exporteren", "Export"}},
        {"export.step_done", {"Klaar", "Done"}},
        {"export.step_opening", {"Project openen", "Opening the project"}},
        {"export.step_selecting", {"Pins kiezen", "Selecting pins"}},
        {"export.step_writing", {"Bestand schrijven", "Writing the file"}},
        {"export.title", {"Exporteren voor onderzoek", "Export for research"}},
        {"export.to", {"Tot en met (JJJJ-MM-DD, mag leeg)", "To (YYYY-MM-DD, optional)"}},
        {"export.verify_explain",
         {"Exporteren mag alleen de begeleider. Voer de pincode in.",
          "Only the facilitator may export. Enter the PIN."}},
        {"export.verify_title", {"Begeleider", "Facilitator"}},
        {"export.wait", {"Even geduld; de kaart blijft bruikbaar.", "Please wait; the map stays usable."}},
        {"export.was_anonymized", {"Anoniem gemaakt.", "Anonymized."}},
        {"export.was_coarsened", {"Locaties grover gemaakt tot {} m.", "Locations coarsened to {} m."}},
        {"export.metadata_to", {"Met de beschrijving (metadata) in:", "With its description (metadata) in:"}},
        {"export.written_to", {"Geschreven naar:", "Written to:"}},
        {"kiosk.lock_explain",
         {"Kies een pincode van minstens 4 cijfers; u typt hem twee keer. Vergrendeld voegen bewoners pins toe en "
          "wijzigen ze alleen hun eigen pins; al het andere vraagt de pincode.",
          "Choose a PIN of at least 4 digits; you type it twice. While locked, residents add pins and change only "
          "their own; everything else needs the PIN."}},
        {"kiosk.lock_title", {"Vergrendelen voor bewoners", "Lock for residents"}},
        {"kiosk.no_change",
         {"Vergrendeld: bewoners kunnen alleen de pins bewerken, verplaatsen of verwijderen die sinds het vergrendelen "
          "zijn geplaatst.",
          "Locked: residents can edit, move or delete only the pins placed since the lock."}},
        {"kiosk.ok", {"OK", "OK"}},
        {"kiosk.pin_again",
         {"Typ dezelfde pincode nog een keer, ter controle.", "Type the same PIN once more, to check it."}},
        {"kiosk.pin_mismatch",
         {"De twee pincodes verschillen. Kies opnieuw een pincode en typ hem twee keer.",
          "The two PINs differ. Choose a PIN again and type it twice."}},
        {"kiosk.pin_too_short", {"De pincode moet minstens 4 cijfers hebben", "The PIN needs at least 4 digits"}},
        {"kiosk.unlock_explain", {"Voer de pincode van de begeleider in.", "Enter the facilitator's PIN."}},
        {"kiosk.unlock_title", {"Ontgrendelen", "Unlock"}},
        {"kiosk.wait",
         {"Te vaak een onjuiste pincode. Probeer het over {} seconden opnieuw.",
          "Wrong PIN too often. Try again in {} seconds."}},
        {"kiosk.wrong_pin", {"Onjuiste pincode", "Wrong PIN"}},
        {"move.hint", {"Tik op de kaart waar de pin moet komen", "Tap the map where the pin should go"}},
        {"osk.backspace", {"← Wissen", "← Delete"}},
        {"osk.enter", {"Klaar", "Done"}},
        {"osk.hide", {"Verbergen", "Hide"}},
        {"osk.shift", {"\xE2\x87\xA7", "\xE2\x87\xA7"}},  // ⇧, as on a phone: fits the key at every scale
        {"osk.space", {"spatie", "space"}},
        {"palette.hint",
         {"Tik op een soort, dan op de kaart. Of houd de kaart ingedrukt.",
          "Tap a category, then the map. Or press and hold the map."}},
        {"palette.no_session",
         {"Start eerst een sessie (knop linksboven).", "Start a session first (button at the top left)."}},
        {"palette.tap_map", {"Tik nu op de kaart om de pin te plaatsen.", "Now tap the map to place the pin."}},
        {"save.disk_full",
         {"Niet opgeslagen in {}: de schijf is vol. Maak ruimte vrij en probeer het opnieuw.",
          "Not saved in {}: the disk is full. Free some space and try again."}},
        {"save.failed", {"Niet opgeslagen in {}. Probeer het opnieuw.", "Not saved in {}. Please try again."}},
        {"save.locked",
         {"Niet opgeslagen in {}: het bestand is in gebruik door een ander programma. Sluit het daar en probeer het "
          "opnieuw.",
          "Not saved in {}: the file is locked by another program. Close it there and try again."}},
        {"save.read_only",
         {"Niet opgeslagen in {}: het bestand of de schijf is alleen-lezen. Los dat op en probeer het opnieuw.",
          "Not saved in {}: the file or its disk is read-only. Fix that and try again."}},
        {"save.text_kept", {"Uw tekst blijft staan.", "Your text is kept."}},
        {"session.close", {"Sessie afsluiten", "Close session"}},
        {"session.close_confirm", {"Sessie afsluiten?", "Close the session?"}},
        {"session.close_explain",
         {"Daarna kunnen er geen pins meer bij. U ziet een samenvatting.",
          "No pins can be added afterwards. You will see a summary."}},
        {"session.closed", {"afgesloten", "closed"}},
        {"session.consent",
         {"Deelnemers gaven toestemming dat hun bijdragen voor onderzoek worden gebruikt",
          "Participants agreed that their contributions are used for research"}},
        {"session.continue", {"Verdergaan", "Continue"}},
        {"session.export", {"Exporteren voor onderzoek...", "Export for research..."}},
        {"session.publish", {"Publiceren...", "Publish..."}},
        {"publish.title", {"Publiceren naar het programma", "Publish to the programme"}},
        {"publish.start", {"Publiceren", "Publish"}},
        {"publish.explain",
         {"Alleen wat nieuw of veranderd is gaat naar de gedeelde database van het programma. Namen van "
          "deelnemers gaan als schuilnaam; pins van sessies zonder toestemming blijven op deze computer.",
          "Only what is new or changed goes to the programme's shared database. Participants' names go as "
          "pseudonyms; pins of sessions without consent stay on this computer."}},
        {"publish.server", {"Server (bijv. service=programma)", "Server (e.g. service=programme)"}},
        {"publish.werkplaats", {"Werkplaats (alleen de eerste keer)", "Werkplaats (the first time only)"}},
        {"publish.password", {"Wachtwoord", "Password"}},
        {"publish.password_needed",
         {"De server vraagt een wachtwoord. Vul het in en tik op Publiceren; er is nog niets verstuurd.",
          "The server asks for a password. Type it and tap Publish; nothing has been sent yet."}},
        {"publish.no_server", {"Vul eerst de server in.", "Fill in the server first."}},
        {"publish.last", {"Laatst gepubliceerd: {}", "Last published: {}"}},
        {"publish.never", {"Dit project is nog niet gepubliceerd.", "This project has not been published yet."}},
        {"publish.running", {"Bezig met publiceren...", "Publishing..."}},
        {"publish.wait",
         {"Alles gaat in een keer: lukt het niet, dan is er niets verstuurd.",
          "It all goes at once: if it fails, nothing has been sent."}},
        {"publish.done", {"Gepubliceerd", "Published"}},
        {"publish.done_nothing", {"Niets nieuws om te publiceren", "Nothing new to publish"}},
        {"publish.nothing_new",
         {"Sinds de vorige keer is er niets nieuws of veranderd.", "Nothing is new or changed since last time."}},
        {"publish.sent", {"Verstuurd: {}", "Sent: {}"}},
        {"publish.new", {"nieuw", "new"}},
        {"publish.changed", {"veranderd", "changed"}},
        {"publish.deleted", {"verwijderd", "deleted"}},
        {"publish.withdrawn", {"Teruggetrokken van de server: {}", "Taken back off the server: {}"}},
        {"publish.server_holds",
         {"De server heeft nu {} van dit project.", "The server now holds {} of this project."}},
        {"publish.refused",
         {"Geweigerd: {} (een ander project heeft al een pin met dezelfde code):",
          "Refused: {} (another project already has a pin with the same code):"}},
        {"publish.stayed_home",
         {"Bleven hier: {} van sessies zonder toestemming.", "Stayed here: {} of sessions without consent."}},
        {"publish.counts_differ",
         {"Let op: de tellingen van de server wijken af van wat is verstuurd. Publiceer opnieuw of vraag de "
          "beheerder.",
          "Note: the server's counts differ from what was sent. Publish again or ask the administrator."}},
        {"publish.not_recorded",
         {"De server heeft alles, maar dit projectbestand kon het niet noteren. Er gaat niets verloren: de "
          "volgende keer gaat hetzelfde nog eens mee.",
          "The server has it all, but this project file could not note it. Nothing is lost: next time the same "
          "goes along again."}},
        {"publish.unreachable",
         {"De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw; er is niets verstuurd.",
          "The server cannot be reached. Check the connection and try again; nothing was sent."}},
        {"publish.denied",
         {"De server weigert: het wachtwoord of de rechten kloppen niet. Er is niets verstuurd.",
          "The server refuses: the password or the rights are not right. Nothing was sent."}},
        {"publish.not_found",
         {"Die database of werkplaats is er niet op de server. Er is niets verstuurd.",
          "That database or werkplaats is not on the server. Nothing was sent."}},
        {"publish.bad_input", {"Dat kan zo niet. Er is niets verstuurd.", "That cannot be done. Nothing was sent."}},
        {"publish.failed",
         {"Publiceren is niet gelukt; er is niets verstuurd.", "Publishing failed; nothing was sent."}},
        {"session.facilitator", {"Begeleider", "Facilitator"}},
        {"session.list_title", {"Sessies", "Sessions"}},
        {"session.location", {"Plaats of buurt", "Place or area"}},
        {"session.new", {"Nieuwe sessie", "New session"}},
        {"session.open", {"open", "open"}},
        {"session.participants", {"Aantal deelnemers", "Number of participants"}},
        {"session.participants_invalid",
         {"Het aantal deelnemers moet een heel getal zijn", "The number of participants must be a whole number"}},
        {"session.review", {"Bekijken", "Review"}},
        {"session.reopen", {"Heropenen", "Reopen"}},
        {"session.earlier", {"Eerdere sessies", "Earlier sessions"}},
        {"session.show_others", {"Pins van andere sessies tonen", "Show pins of other sessions"}},
        {"session.start", {"Sessie starten", "Start session"}},
        {"session.start_title", {"Nieuwe sessie", "New session"}},
        {"session.title", {"Naam van de sessie", "Session title"}},
        {"session.title_required", {"Geef de sessie een naam", "Give the session a title"}},
        {"settings.dutch", {"Nederlands", "Nederlands"}},
        {"settings.english", {"English", "English"}},
        {"settings.keyboard", {"Schermtoetsenbord gebruiken", "Use the on-screen keyboard"}},
        {"settings.language", {"Taal", "Language"}},
        {"settings.scale_fitted",
         {"Dit venster is te klein voor die schaal; het gebruikt nu {}. Op een groter scherm geldt weer de gekozen "
          "schaal.",
          "This window is too small for that scale; it uses {} now. A larger screen gets the chosen scale again."}},
        {"settings.title", {"Instellingen", "Settings"}},
        {"settings.ui_scale", {"Grootte van knoppen en tekst", "Size of buttons and text"}},
        {"summary.consent_no", {"Geen toestemming voor onderzoek vastgelegd", "No consent for research recorded"}},
        {"summary.consent_yes", {"Toestemming voor onderzoek gegeven", "Consent for research given"}},
        {"summary.per_buurt", {"Per buurt", "Per area"}},
        {"summary.per_category", {"Per soort", "Per category"}},
        {"summary.pins", {"Pins van deze sessie", "Pins of this session"}},
        {"summary.png_unavailable",
         {"Kaart opslaan als PNG is in deze versie nog niet beschikbaar.",
          "Saving the map as PNG is not available in this version yet."}},
        {"summary.png_failed", {"Kaart niet opgeslagen:", "Map not saved:"}},
        {"summary.png_writing", {"De kaart van de sessie wordt opgeslagen...", "Saving the session's map..."}},
        {"summary.png_written", {"Kaart opgeslagen:", "Map saved:"}},
        {"summary.title", {"Samenvatting", "Summary"}},
        {"summary.write_png", {"Kaart opslaan als PNG", "Save map as PNG"}},
        {"toast.deleted", {"Verwijderd (ongedaan maken kan)", "Deleted (undo is possible)"}},
        {"toast.moved", {"Verplaatst en opgeslagen", "Moved and saved"}},
        {"toast.redone", {"Opnieuw gedaan", "Redone"}},
        {"toast.saved", {"✓ Opgeslagen", "✓ Saved"}},
        {"toast.session_started", {"Sessie gestart", "Session started"}},
        {"toast.undone", {"Ongedaan gemaakt", "Undone"}},
        {"toolbar.counts", {"Tellingen", "Counts"}},
        {"toolbar.lock", {"Vergrendelen", "Lock"}},
        {"toolbar.no_session", {"Geen sessie - start", "No session - start"}},
        {"toolbar.programme", {"Programma", "Programme"}},
        {"toolbar.redo", {"Opnieuw", "Redo"}},
        {"toolbar.settings", {"Instellingen", "Settings"}},
        {"toolbar.undo", {"Ongedaan maken", "Undo"}},
        {"toolbar.unlock", {"Ontgrendelen", "Unlock"}},
        // The window for a damaged project file (damaged_project_screen.cpp).
        {"damaged.title", {"Het projectbestand is beschadigd", "The project file is damaged"}},
        {"damaged.file", {"Bestand: {}", "File: {}"}},
        {"damaged.explain",
         {"Een deel van het bestand kan niet meer worden gelezen, bijvoorbeeld omdat een USB-stick werd "
          "uitgetrokken terwijl er nog werd geschreven. Het bestand wordt niet veranderd.",
          "Part of the file can no longer be read, for instance because a USB stick was pulled out while it was "
          "still being written. The file is not changed."}},
        {"damaged.rescue", {"Red wat nog leesbaar is", "Rescue what can be read"}},
        {"damaged.rescuing", {"Redden naar {} ...", "Rescuing into {} ..."}},
        {"damaged.rescued", {"Gered in {}: {} en {}", "Rescued into {}: {} and {}"}},
        {"damaged.session", {"sessie", "session"}},
        {"damaged.sessions", {"sessies", "sessions"}},
        {"damaged.pin", {"pin", "pin"}},
        {"damaged.pins", {"pins", "pins"}},
        {"damaged.nothing_lost", {"Alles wat leesbaar was, is meegekomen.", "Everything readable came across."}},
        {"damaged.some_lost",
         {"Een deel kon niet worden gelezen en ontbreekt in het geredde bestand.",
          "Some of it could not be read and is missing from the rescued file."}},
        {"damaged.open_rescued", {"Open het geredde project", "Open the rescued project"}},
        {"damaged.rescue_failed", {"Er kon niets worden gered.", "Nothing could be rescued."}},
        {"damaged.open_sample", {"Open het voorbeeld", "Open the sample"}},
        {"damaged.sample_failed", {"Het voorbeeld kon niet worden geopend.", "The sample could not be opened."}},
        {"damaged.close", {"Sluiten", "Close"}},
    };
    return kCatalog;
}

const char* const kMonthsNl[] = {"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"};
const char* const kMonthsEn[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

const char* Translator::operator()(std::string_view key) const {
    const auto& c = catalog();
    auto it = c.find(key);
    if (it == c.end()) return key.data();
    return language_ == Language::Dutch ? it->second.nl : it->second.en;
}

std::string fillIn(std::string text, const std::string& value) {
    if (auto at = text.find("{}"); at != std::string::npos) text.replace(at, 2, value);
    return text;
}

std::string Translator::countOf(long n, std::string_view key) const {
    const std::string form = std::string(key) + (n == 1 ? ".one" : ".other");
    return fillIn((*this)(form), formatNumber(static_cast<double>(n), 0));
}

std::string Translator::formatNumber(double value, int decimals) const {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, std::abs(value));
    std::string digits = buf;
    const size_t dot = digits.find('.');
    std::string whole = digits.substr(0, dot);
    std::string frac = dot == std::string::npos ? "" : digits.substr(dot + 1);
    const char group = language_ == Language::Dutch ? '.' : ',';
    const char decimal = language_ == Language::Dutch ? ',' : '.';
    std::string grouped;
    for (size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped += group;
        grouped += whole[i];
    }
    std::string out = (value < 0 ? "-" : "") + grouped;
    if (!frac.empty()) out += decimal + frac;
    return out;
}

std::string Translator::formatDateTime(const std::string& iso) const {
    std::tm tm{};
    if (iso.size() < 19 || !strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return iso;
    const std::time_t utc = timegm(&tm);
    std::tm local{};
    localtime_r(&utc, &local);
    char buf[64];
    const char* month = (language_ == Language::Dutch ? kMonthsNl : kMonthsEn)[local.tm_mon];
    if (language_ == Language::Dutch)
        std::snprintf(buf, sizeof buf, "%d %s %d %02d:%02d", local.tm_mday, month, local.tm_year + 1900, local.tm_hour,
                      local.tm_min);
    else
        std::snprintf(buf, sizeof buf, "%s %d, %d %02d:%02d", month, local.tm_mday, local.tm_year + 1900, local.tm_hour,
                      local.tm_min);
    return buf;
}

bool catalogHas(std::string_view key) { return catalog().contains(key); }

size_t catalogSize() { return catalog().size(); }

bool catalogComplete() {
    for (const auto& [key, e] : catalog())
        if (!e.nl || !e.en || !*e.nl || !*e.en) return false;
    return true;
}

}  // namespace samenkaart::gui
