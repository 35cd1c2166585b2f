// QGIS layer styles (QML) for the export's layer_styles table: the pins coloured by category with
// the app's colours, the pin counts as a graduated map. QGIS applies a style whose useAsDefault is
// true when the layer is opened from the GeoPackage.
#pragma once

#include <string>
#include <vector>

namespace samenkaart {

struct StyleClass {
    std::string value;   // the attribute value
    std::string label;   // what the legend shows
    std::string colour;  // "#rrggbb"
};

// Categorized renderer on `field` with circle markers.
std::string categorizedPointQml(const std::string& field, const std::vector<StyleClass>& classes);

// Graduated renderer on `field` over the given values: up to five classes with quantile breaks,
// filled from light yellow to dark red. Values are the field's values in the layer.
std::string graduatedPolygonQml(const std::string& field, std::vector<double> values);

// XML text escaping for attribute values.
std::string xmlEscape(const std::string& text);

}  // namespace samenkaart
