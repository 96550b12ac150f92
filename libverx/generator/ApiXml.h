// SPDX-License-Identifier: LGPL-2.1-or-later
// Reads the enums and numeric macros of libvirt-api.xml (libvirt's API description).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace xdrgen {

struct ApiEnumValue
{
    std::string name;
    long long value = 0;
    std::string info;
};

struct ApiEnum
{
    std::string name; // e.g. virDomainState
    std::vector<ApiEnumValue> values;
};

struct ApiDescription
{
    std::map<std::string, ApiEnum> enums;       // by type name
    std::map<std::string, long long> constants; // enum values and numeric macros by name
};

// Parses the XML text; only <enum .../> and <macro ... raw='...'> elements matter here.
ApiDescription parseApiXml(std::string_view xml);

} // namespace xdrgen
