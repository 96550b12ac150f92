// SPDX-License-Identifier: LGPL-2.1-or-later
#include "ApiXml.h"

#include <cctype>
#include <functional>
#include <stdexcept>

namespace xdrgen {

namespace {

std::string unescape(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '&') {
            out += s[i];
            continue;
        }
        const size_t semi = s.find(';', i);
        if (semi == std::string_view::npos) {
            out += s[i];
            continue;
        }
        const std::string_view ent = s.substr(i + 1, semi - i - 1);
        if (ent == "lt")
            out += '<';
        else if (ent == "gt")
            out += '>';
        else if (ent == "amp")
            out += '&';
        else if (ent == "apos")
            out += '\'';
        else if (ent == "quot")
            out += '"';
        else {
            out += s.substr(i, semi - i + 1);
        }
        i = semi;
    }
    return out;
}

// Attributes of one start tag: name='value' or name="value".
std::map<std::string, std::string> attributes(std::string_view tag)
{
    std::map<std::string, std::string> attrs;
    size_t i = 0;
    while (i < tag.size()) {
        while (i < tag.size() && std::isspace(static_cast<unsigned char>(tag[i])))
            ++i;
        const size_t nameStart = i;
        while (i < tag.size() && tag[i] != '=' && !std::isspace(static_cast<unsigned char>(tag[i])))
            ++i;
        const std::string name(tag.substr(nameStart, i - nameStart));
        if (i >= tag.size() || tag[i] != '=')
            break;
        ++i;
        if (i >= tag.size() || (tag[i] != '\'' && tag[i] != '"'))
            break;
        const char quote = tag[i++];
        const size_t end = tag.find(quote, i);
        if (end == std::string_view::npos)
            break;
        attrs[name] = unescape(tag.substr(i, end - i));
        i = end + 1;
    }
    return attrs;
}

// Evaluates the small integer expressions libvirt's macros use, e.g. "(256 + 1)".
class ExprEval
{
public:
    using Lookup = std::function<bool(const std::string &, long long &)>;
    ExprEval(std::string_view s, Lookup lookup) : m_s(s), m_lookup(std::move(lookup)) {}
    bool eval(long long &out)
    {
        if (!sum(out))
            return false;
        skip();
        return m_i == m_s.size();
    }

private:
    void skip()
    {
        while (m_i < m_s.size() && std::isspace(static_cast<unsigned char>(m_s[m_i])))
            ++m_i;
    }
    bool sum(long long &v)
    {
        if (!product(v))
            return false;
        for (;;) {
            skip();
            if (m_i < m_s.size() && (m_s[m_i] == '+' || m_s[m_i] == '-')) {
                const char op = m_s[m_i++];
                long long r;
                if (!product(r))
                    return false;
                v = op == '+' ? v + r : v - r;
            } else {
                return true;
            }
        }
    }
    bool product(long long &v)
    {
        if (!atom(v))
            return false;
        for (;;) {
            skip();
            if (m_i < m_s.size() && m_s[m_i] == '*') {
                ++m_i;
                long long r;
                if (!atom(r))
                    return false;
                v *= r;
            } else if (m_i + 1 < m_s.size() && m_s[m_i] == '<' && m_s[m_i + 1] == '<') {
                m_i += 2;
                long long r;
                if (!atom(r))
                    return false;
                v <<= r;
            } else {
                return true;
            }
        }
    }
    bool atom(long long &v)
    {
        skip();
        if (m_i < m_s.size() && m_s[m_i] == '-') {
            ++m_i;
            if (!atom(v))
                return false;
            v = -v;
            return true;
        }
        if (m_i < m_s.size() && m_s[m_i] == '(') {
            ++m_i;
            if (!sum(v))
                return false;
            skip();
            if (m_i >= m_s.size() || m_s[m_i] != ')')
                return false;
            ++m_i;
            return true;
        }
        const size_t start = m_i;
        while (m_i < m_s.size() &&
               (std::isalnum(static_cast<unsigned char>(m_s[m_i])) || m_s[m_i] == '_'))
            ++m_i;
        if (start == m_i)
            return false;
        std::string num(m_s.substr(start, m_i - start));
        if (!std::isdigit(static_cast<unsigned char>(num[0])))
            return m_lookup && m_lookup(num, v);
        while (!num.empty() &&
               (num.back() == 'U' || num.back() == 'L' || num.back() == 'u' || num.back() == 'l'))
            num.pop_back();
        try {
            size_t used = 0;
            v = std::stoll(num, &used, 0);
            return used == num.size();
        } catch (const std::exception &) {
            return false;
        }
    }

    std::string_view m_s;
    Lookup m_lookup;
    size_t m_i = 0;
};

} // namespace

ApiDescription parseApiXml(std::string_view xml)
{
    struct Raw
    {
        std::string name, type, value, info;
        bool isEnum;
    };
    std::vector<Raw> raws;
    size_t pos = 0;
    while ((pos = xml.find('<', pos)) != std::string_view::npos) {
        if (xml.substr(pos, 9) == "<![CDATA[" || xml.substr(pos, 4) == "<!--") {
            const bool cdata = xml[pos + 2] == '[';
            const size_t close = xml.find(cdata ? "]]>" : "-->", pos);
            if (close == std::string_view::npos)
                break;
            pos = close + 3;
            continue;
        }
        size_t end = pos + 1;
        // Find the end of the tag, honouring quoted attribute values.
        char quote = 0;
        while (end < xml.size() && (quote || xml[end] != '>')) {
            if (quote && xml[end] == quote)
                quote = 0;
            else if (!quote && (xml[end] == '\'' || xml[end] == '"'))
                quote = xml[end];
            ++end;
        }
        if (end >= xml.size())
            break;
        std::string_view tag = xml.substr(pos + 1, end - pos - 1);
        pos = end + 1;
        if (tag.substr(0, 5) == "enum ") {
            auto a = attributes(tag.substr(5));
            if (a.count("name") && a.count("value") && a.count("type"))
                raws.push_back({a["name"], a["type"], a["value"], a["info"], true});
        } else if (tag.substr(0, 6) == "macro ") {
            auto a = attributes(tag.substr(6));
            if (a.count("name") && a.count("raw"))
                raws.push_back({a["name"], {}, a["raw"], {}, false});
        }
    }

    std::map<std::string, const Raw *> byName;
    for (const auto &r : raws)
        byName[r.name] = &r;
    ApiDescription api;
    std::map<std::string, int> state; // 1 = in progress
    std::function<bool(const std::string &, long long &)> resolve = [&](const std::string &name,
                                                                        long long &v) -> bool {
        if (auto it = api.constants.find(name); it != api.constants.end()) {
            v = it->second;
            return true;
        }
        auto it = byName.find(name);
        if (it == byName.end() || state[name] == 1)
            return false;
        state[name] = 1;
        ExprEval e(it->second->value, resolve);
        const bool ok = e.eval(v);
        state[name] = 2;
        if (ok)
            api.constants[name] = v;
        return ok;
    };
    for (const auto &r : raws) {
        long long value = 0;
        const bool ok = resolve(r.name, value);
        if (!r.isEnum)
            continue; // macros that are not numbers (strings, function-like) are skipped
        if (!ok)
            throw std::runtime_error("libvirt-api.xml: bad enum value for " + r.name);
        ApiEnum &en = api.enums[r.type];
        en.name = r.type;
        en.values.push_back({r.name, value, r.info});
    }
    return api;
}

} // namespace xdrgen
