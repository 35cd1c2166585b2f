#include "engine/export/qgis_style.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace samenkaart {
namespace {

// "#2e9e5b" -> "46,158,91,255", the way QML writes colours.
std::string qmlColour(const std::string& hex) {
    unsigned r = 128, g = 128, b = 128;
    if (hex.size() == 7) std::sscanf(hex.c_str() + 1, "%02x%02x%02x", &r, &g, &b);
    return std::to_string(r) + "," + std::to_string(g) + "," + std::to_string(b) + ",255";
}

std::string option(const std::string& name, const std::string& value) {
    return "<Option name=\"" + name + "\" type=\"QString\" value=\"" + xmlEscape(value) + "\"/>";
}

// QGIS 3.x reads the <Option> map; the <prop> list is there for QGIS 3.10-3.26, which still read it.
std::string symbolLayer(const char* cls, const std::vector<std::pair<std::string, std::string>>& props) {
    std::ostringstream o;
    o << "<layer class=\"" << cls << "\" enabled=\"1\" locked=\"0\" pass=\"0\"><Option type=\"Map\">";
    for (const auto& [k, v] : props) o << option(k, v);
    o << "</Option>";
    for (const auto& [k, v] : props) o << "<prop k=\"" << k << "\" v=\"" << xmlEscape(v) << "\"/>";
    o << "</layer>";
    return o.str();
}

std::string markerSymbol(const std::string& name, const std::string& colour) {
    return "<symbol name=\"" + xmlEscape(name) +
           "\" type=\"marker\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">" +
           symbolLayer("SimpleMarker", {{"name", "circle"},
                                        {"color", qmlColour(colour)},
                                        {"outline_color", "255,255,255,255"},
                                        {"outline_style", "solid"},
                                        {"outline_width", "0.4"},
                                        {"outline_width_unit", "MM"},
                                        {"size", "3"},
                                        {"size_unit", "MM"}}) +
           "</symbol>";
}

std::string fillSymbol(const std::string& name, const std::string& colour) {
    return "<symbol name=\"" + xmlEscape(name) +
           "\" type=\"fill\" alpha=\"0.8\" clip_to_extent=\"1\" force_rhr=\"0\">" +
           symbolLayer("SimpleFill", {{"color", qmlColour(colour)},
                                      {"style", "solid"},
                                      {"outline_color", "90,90,90,255"},
                                      {"outline_style", "solid"},
                                      {"outline_width", "0.2"},
                                      {"outline_width_unit", "MM"}}) +
           "</symbol>";
}

const char* const kHeader =
    "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
    "<qgis version=\"3.28.0\" styleCategories=\"Symbology|Labeling|Fields\">\n";

std::string number(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

}  // namespace

std::string xmlEscape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string categorizedPointQml(const std::string& field, const std::vector<StyleClass>& classes) {
    std::ostringstream o;
    o << kHeader << "<renderer-v2 type=\"categorizedSymbol\" attr=\"" << xmlEscape(field)
      << "\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\" referencescale=\"-1\">\n<categories>\n";
    for (size_t i = 0; i < classes.size(); ++i)
        o << "<category value=\"" << xmlEscape(classes[i].value) << "\" label=\"" << xmlEscape(classes[i].label)
          << "\" symbol=\"" << i << "\" render=\"true\"/>\n";
    o << "</categories>\n<symbols>\n";
    for (size_t i = 0; i < classes.size(); ++i) o << markerSymbol(std::to_string(i), classes[i].colour) << "\n";
    o << "</symbols>\n<source-symbol>" << markerSymbol("0", "#808080") << "</source-symbol>\n"
      << "<rotation/><sizescale/>\n</renderer-v2>\n<blendMode>0</blendMode>\n<featureBlendMode>0</featureBlendMode>\n"
      << "<layerGeometryType>0</layerGeometryType>\n</qgis>\n";
    return o.str();
}

std::string graduatedPolygonQml(const std::string& field, std::vector<double> values) {
    static const char* ramp[] = {"#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"};
    std::sort(values.begin(), values.end());
    const double lo = values.empty() ? 0.0 : values.front();
    const double hi = values.empty() ? 1.0 : values.back();
    // Quantile breaks (equal counts), deduplicated: counts are whole numbers with many ties.
    std::vector<double> uppers;
    for (int k = 1; k <= 5 && !values.empty(); ++k) {
        const size_t idx = std::min(values.size() - 1, (values.size() * static_cast<size_t>(k)) / 5);
        const double v = k == 5 ? hi : values[idx];
        if (uppers.empty() || v > uppers.back()) uppers.push_back(v);
    }
    if (uppers.empty() || uppers.back() < hi) uppers.push_back(std::max(hi, lo + 1.0));
    std::ostringstream o;
    o << kHeader << "<renderer-v2 type=\"graduatedSymbol\" attr=\"" << xmlEscape(field)
      << "\" graduatedMethod=\"GraduatedColor\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\" "
         "referencescale=\"-1\">\n<ranges>\n";
    double lower = lo;
    for (size_t i = 0; i < uppers.size(); ++i) {
        const std::string label = number(lower) + " - " + number(uppers[i]);
        o << "<range lower=\"" << number(lower) << "\" upper=\"" << number(uppers[i]) << "\" label=\""
          << xmlEscape(label) << "\" symbol=\"" << i << "\" render=\"true\"/>\n";
        lower = uppers[i];
    }
    o << "</ranges>\n<symbols>\n";
    for (size_t i = 0; i < uppers.size(); ++i) {
        const size_t shade = uppers.size() == 1 ? 4 : (i * 4) / (uppers.size() - 1);
        o << fillSymbol(std::to_string(i), ramp[shade]) << "\n";
    }
    o << "</symbols>\n<source-symbol>" << fillSymbol("0", "#ffffb2") << "</source-symbol>\n"
      << "<colorramp type=\"gradient\" name=\"[source]\"><Option type=\"Map\">" << option("color1", "255,255,178,255")
      << option("color2", "189,0,38,255") << option("discrete", "0") << option("rampType", "gradient")
      << "</Option></colorramp>\n<classificationMethod id=\"Quantile\"><symmetricMode enabled=\"0\" "
         "symmetrypoint=\"0\" astride=\"0\"/><labelFormat format=\"%1 - %2\" labelprecision=\"0\" "
         "trimtrailingzeroes=\"1\"/><extraInformation/></classificationMethod>\n"
      << "<rotation/><sizescale/>\n</renderer-v2>\n<blendMode>0</blendMode>\n<featureBlendMode>0</featureBlendMode>\n"
      << "<layerGeometryType>2</layerGeometryType>\n</qgis>\n";
    return o.str();
}

}  // namespace samenkaart
