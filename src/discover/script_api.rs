//! The JSON list APIs a page's own scripts call, as the addresses those calls would
//! request: `axios.get(url, { params })`, `$.ajax({ url, data, dataType: 'jsonp', … })`,
//! `$.getJSON(url, data)`, `$.get(url, data)`, `fetch(url)`. A page shell whose list a
//! script fills (Vue, jQuery) has no list in its HTML; its API does. Parameter values are
//! read where the script writes them: literals, `page || 1`, and variables or `this.x`
//! set to a literal elsewhere in the script (`data: { pageNo: 1 }`, `var size = 15`); a
//! page number not found is 1 and an offset 0. Calls that POST are left out (a source is
//! read with GET). Pure: text in, addresses out.

use url::Url;

/// At most this many calls are returned, in the order the scripts make them.
const MAX_CALLS: usize = 4;

/// The inline scripts of a page, joined.
fn scripts(html: &str) -> String {
    let mut out = String::new();
    let lower = html.to_ascii_lowercase();
    let mut at = 0;
    while let Some(open) = lower[at..].find("<script") {
        let open = at + open;
        let Some(body) = lower[open..].find('>').map(|e| open + e + 1) else {
            break;
        };
        let end = lower[body..]
            .find("</script")
            .map_or(html.len(), |e| body + e);
        if let Some(s) = html.get(body..end) {
            out.push_str(s);
            out.push('\n');
        }
        at = end.max(body);
        if at >= html.len() {
            break;
        }
    }
    out
}

/// A JavaScript value as the call writes it.
#[derive(Debug, Clone, PartialEq)]
enum Js {
    Str(String),
    /// A number, identifier, member path or any other expression, as written.
    Expr(String),
    Obj(Vec<(String, Js)>),
}

struct Parser<'a> {
    s: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.at < self.s.len() {
            match self.s[self.at] {
                b' ' | b'\t' | b'\r' | b'\n' => self.at += 1,
                b'/' if self.s.get(self.at + 1) == Some(&b'/') => {
                    while self.at < self.s.len() && self.s[self.at] != b'\n' {
                        self.at += 1;
                    }
                }
                b'/' if self.s.get(self.at + 1) == Some(&b'*') => {
                    self.at += 2;
                    while self.at + 1 < self.s.len()
                        && !(self.s[self.at] == b'*' && self.s[self.at + 1] == b'/')
                    {
                        self.at += 1;
                    }
                    self.at = (self.at + 2).min(self.s.len());
                }
                _ => break,
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.at).copied()
    }

    fn string(&mut self) -> Option<String> {
        let q = self.peek()?;
        if !matches!(q, b'\'' | b'"' | b'`') {
            return None;
        }
        let start = self.at + 1;
        let mut i = start;
        while i < self.s.len() && self.s[i] != q {
            if self.s[i] == b'\\' {
                i += 1;
            }
            i += 1;
        }
        let text = std::str::from_utf8(self.s.get(start..i)?).ok()?.to_string();
        self.at = (i + 1).min(self.s.len());
        Some(text)
    }

    /// A value up to the next `,` `}` `)` at this depth.
    fn value(&mut self, depth: usize) -> Option<Js> {
        self.ws();
        if depth > 4 {
            return None;
        }
        match self.peek()? {
            b'{' => self.object(depth + 1).map(Js::Obj),
            b'\'' | b'"' | b'`' => {
                let first = self.string()?;
                self.ws();
                // 'a' + b + 'c': kept as an expression to resolve.
                if self.peek() == Some(b'+') {
                    let rest = self.expr()?;
                    return Some(Js::Expr(format!("'{first}'{rest}")));
                }
                Some(Js::Str(first))
            }
            _ => self.expr().map(|e| Js::Expr(e.trim().to_string())),
        }
    }

    /// Text up to the next `,` `}` `)` outside brackets and strings.
    fn expr(&mut self) -> Option<String> {
        let start = self.at;
        let mut depth = 0i32;
        while let Some(c) = self.peek() {
            match c {
                b'\'' | b'"' | b'`' => {
                    self.string()?;
                    continue;
                }
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' if depth == 0 => break,
                b')' | b']' | b'}' => depth -= 1,
                b',' if depth == 0 => break,
                b';' if depth == 0 => break,
                _ => {}
            }
            self.at += 1;
        }
        std::str::from_utf8(self.s.get(start..self.at)?)
            .ok()
            .map(str::to_string)
    }

    fn object(&mut self, depth: usize) -> Option<Vec<(String, Js)>> {
        if self.peek()? != b'{' {
            return None;
        }
        self.at += 1;
        let mut out = Vec::new();
        loop {
            self.ws();
            match self.peek()? {
                b'}' => {
                    self.at += 1;
                    return Some(out);
                }
                b',' => {
                    self.at += 1;
                    continue;
                }
                _ => {}
            }
            let key = match self.peek()? {
                b'\'' | b'"' => self.string()?,
                _ => {
                    let start = self.at;
                    while self
                        .peek()
                        .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'$')
                    {
                        self.at += 1;
                    }
                    std::str::from_utf8(self.s.get(start..self.at)?)
                        .ok()?
                        .to_string()
                }
            };
            self.ws();
            match self.peek()? {
                b':' => {
                    self.at += 1;
                    let v = self.value(depth)?;
                    out.push((key, v));
                }
                // Shorthand `{ page }`, or a method: its body skipped.
                b',' | b'}' if !key.is_empty() => out.push((key.clone(), Js::Expr(key))),
                _ => {
                    self.expr()?;
                    if self.peek() == Some(b'}') && key.is_empty() {
                        return None;
                    }
                }
            }
        }
    }
}

fn get<'a>(obj: &'a [(String, Js)], key: &str) -> Option<&'a Js> {
    obj.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn get_str<'a>(obj: &'a [(String, Js)], key: &str) -> Option<&'a str> {
    match get(obj, key)? {
        Js::Str(s) => Some(s),
        _ => None,
    }
}

const PAGE_NAMES: [&str; 8] = [
    "page",
    "pageno",
    "pagenum",
    "pageindex",
    "current",
    "currentpage",
    "curpage",
    "pn",
];
const OFFSET_NAMES: [&str; 4] = ["offset", "start", "from", "skip"];

/// The value an expression has when the page loads, as the script shows it.
fn resolve(expr: &str, key: &str, script: &str) -> Option<String> {
    let e = expr.trim();
    if e.is_empty() {
        return None;
    }
    if let Some((a, b)) = e.split_once("||") {
        return resolve(a, key, script).or_else(|| resolve(b, key, script));
    }
    if e.parse::<f64>().is_ok() {
        return Some(e.to_string());
    }
    if let Some(s) = e
        .strip_prefix('\'')
        .and_then(|x| x.strip_suffix('\''))
        .or_else(|| e.strip_prefix('"').and_then(|x| x.strip_suffix('"')))
        && !s.contains(['\'', '"'])
    {
        return Some(s.to_string());
    }
    if matches!(e, "true" | "false") {
        return Some(e.to_string());
    }
    // A variable or member path: the literal the script gives its last name (not a
    // parameter written inside an address, `?page=' + page`).
    let name = e.rsplit('.').next()?.trim();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
    {
        return None;
    }
    let re = regex::Regex::new(&format!(
        r#"(?:^|[^\w$.?&'"/]){}\s*(?::|=)\s*(?:(-?\d+(?:\.\d+)?)\b|'([^'\n]*)'|"([^"\n]*)")"#,
        regex::escape(name)
    ))
    .ok()?;
    if let Some(c) = re.captures(script) {
        return c
            .get(1)
            .or_else(|| c.get(2))
            .or_else(|| c.get(3))
            .map(|m| m.as_str().to_string());
    }
    let k = key.to_ascii_lowercase().replace(['_', '-'], "");
    let n = name.to_ascii_lowercase();
    if PAGE_NAMES.contains(&k.as_str()) || PAGE_NAMES.contains(&n.as_str()) || n == "p" {
        return Some("1".into());
    }
    if OFFSET_NAMES.contains(&k.as_str()) || OFFSET_NAMES.contains(&n.as_str()) {
        return Some("0".into());
    }
    None
}

/// `'/api/list?page=' + page + '&size=10'` with its variables resolved.
fn concat(expr: &str, script: &str) -> Option<String> {
    let mut p = Parser {
        s: expr.as_bytes(),
        at: 0,
    };
    let mut out = String::new();
    loop {
        p.ws();
        match p.peek() {
            None => break,
            Some(b'+') => p.at += 1,
            Some(b'\'' | b'"' | b'`') => out.push_str(&p.string()?),
            Some(_) => {
                let start = p.at;
                while p.peek().is_some_and(|c| c != b'+') {
                    p.at += 1;
                }
                let e = std::str::from_utf8(expr.as_bytes().get(start..p.at)?).ok()?;
                // The parameter the value belongs to: the name before `=` just written.
                let key = out
                    .rsplit(['?', '&'])
                    .next()
                    .and_then(|kv| kv.strip_suffix('='))
                    .unwrap_or("")
                    .to_string();
                out.push_str(&resolve(e, &key, script)?);
            }
        }
    }
    Some(out)
}

fn encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// `url` with `params` appended in order, their values resolved; None when one cannot be.
fn with_params(url: &str, params: &[(String, Js)], script: &str) -> Option<String> {
    let mut out = url.to_string();
    for (k, v) in params {
        let value = match v {
            Js::Str(s) => s.clone(),
            Js::Expr(e) => resolve(e, k, script)?,
            Js::Obj(_) => return None,
        };
        out.push(if out.contains('?') { '&' } else { '?' });
        out.push_str(&encode(k));
        out.push('=');
        out.push_str(&encode(&value));
    }
    Some(out)
}

fn url_of(v: &Js, script: &str) -> Option<String> {
    match v {
        Js::Str(s) => Some(s.clone()),
        Js::Expr(e) if e.starts_with(['\'', '"', '`']) => concat(e, script),
        Js::Expr(e) => resolve(e, "", script).filter(|u| u.contains('/')),
        Js::Obj(_) => None,
    }
}

fn is_post(obj: &[(String, Js)]) -> bool {
    ["type", "method"]
        .iter()
        .filter_map(|k| get_str(obj, k))
        .any(|m| !m.eq_ignore_ascii_case("get"))
}

/// The address a `$.ajax` or `axios(config)` options object requests.
fn from_options(obj: &[(String, Js)], script: &str) -> Option<String> {
    if is_post(obj) {
        return None;
    }
    let url = url_of(get(obj, "url")?, script)?;
    let mut url = url;
    // jQuery adds the JSONP callback before the data.
    if get_str(obj, "dataType").is_some_and(|d| d.eq_ignore_ascii_case("jsonp")) {
        let name = get_str(obj, "jsonp").unwrap_or("callback");
        let cb = get_str(obj, "jsonpCallback").unwrap_or("callback");
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(&format!("{}={}", encode(name), encode(cb)));
    }
    match get(obj, "data").or_else(|| get(obj, "params")) {
        Some(Js::Obj(p)) => with_params(&url, p, script),
        Some(Js::Str(s)) if !s.is_empty() => Some(format!(
            "{url}{}{s}",
            if url.contains('?') { '&' } else { '?' }
        )),
        _ => Some(url),
    }
}

/// The addresses the page's scripts request for JSON, resolved against `page`, each once,
/// in script order, at most [`MAX_CALLS`].
pub fn api_calls(html: &str, page: &Url) -> Vec<Url> {
    let script = scripts(html);
    let Ok(call) = regex::Regex::new(
        r"(?:\$|jQuery|axios|\$http|http|request|\bthis\.\$axios)(?:\.(ajax|getJSON|get))?\s*\(|\bfetch\s*\(",
    ) else {
        return Vec::new();
    };
    let mut out: Vec<Url> = Vec::new();
    for m in call.find_iter(&script) {
        let mut p = Parser {
            s: script.as_bytes(),
            at: m.end(),
        };
        let text = m.as_str();
        let Some(first) = p.value(0) else { continue };
        let address = match first {
            Js::Obj(o) => from_options(&o, &script),
            other => {
                let Some(url) = url_of(&other, &script) else {
                    continue;
                };
                p.ws();
                let second = if p.peek() == Some(b',') {
                    p.at += 1;
                    p.value(0)
                } else {
                    None
                };
                // axios.get(url, { params }), $.get(url, data), $.getJSON(url, data).
                let params = match &second {
                    Some(Js::Obj(o)) if text.starts_with("axios") || text.contains("http") => {
                        match get(o, "params") {
                            Some(Js::Obj(p)) => Some(p.clone()),
                            _ => None,
                        }
                    }
                    Some(Js::Obj(o)) if !text.starts_with("fetch") => Some(o.clone()),
                    _ => None,
                };
                match params {
                    Some(p) => with_params(&url, &p, &script),
                    None => Some(url),
                }
            }
        };
        let Some(address) = address else { continue };
        // Only addresses that are not pages, styles or pictures.
        let path = address
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if [
            ".html", ".htm", ".shtml", ".css", ".png", ".jpg", ".gif", ".js",
        ]
        .iter()
        .any(|x| path.ends_with(x))
            || path.is_empty()
        {
            continue;
        }
        let Ok(u) = page.join(&address) else { continue };
        if !matches!(u.scheme(), "http" | "https") || out.contains(&u) {
            continue;
        }
        out.push(u);
        if out.len() >= MAX_CALLS {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calls(html: &str) -> Vec<String> {
        let page = Url::parse("http://h.test/news/list.html").expect("url");
        api_calls(html, &page)
            .into_iter()
            .map(|u| u.to_string())
            .collect()
    }

    #[test]
    fn axios_params_are_read_from_the_vue_data() {
        let html = r#"<script>
new Vue({ data: function () { return { channelId: 3, list: [], pageNo: 1, pageSize: 15 }; },
  methods: { getList: function (page) { var that = this; that.pageNo = page || 1;
    axios.get('/api/cms/article/list', { params: { channelId: that.channelId, pageNo: that.pageNo, pageSize: that.pageSize } }).then(function (res) {});
  }, toDetail: function (item) { window.open('/detail.html?id=' + item.id); } } });
</script>"#;
        assert_eq!(
            calls(html),
            ["http://h.test/api/cms/article/list?channelId=3&pageNo=1&pageSize=15"]
        );
    }

    #[test]
    fn jquery_jsonp_puts_the_callback_before_the_data() {
        let html = r#"<script type="text/javascript">
function loadList(page){ $.ajax({ url: '/cms/api/front/contentList.do', type: 'GET', dataType: 'jsonp',
  jsonp: 'callback', jsonpCallback: 'newsListCb', cache: true,
  data: { channelId: '1024', pageIndex: page, pageSize: 12 }, success: function(res){ } }); }
$(function(){ loadList(1); });
</script>"#;
        assert_eq!(
            calls(html),
            [
                "http://h.test/cms/api/front/contentList.do?callback=newsListCb&channelId=1024&pageIndex=1&pageSize=12"
            ]
        );
    }

    #[test]
    fn get_json_concatenation_and_posts() {
        let html = r#"<script>
var size = 20;
$.getJSON('/cms/api/articles', { column: 'xqyw', offset: offset, limit: 15 }, function (res) {});
fetch('/api/news?page=' + page + '&size=' + size).then(r => r.json());
$.ajax({ url: '/api/secret', type: 'POST', data: { a: 1 } });
$.post('/api/hit', { id: 1 });
</script>"#;
        assert_eq!(
            calls(html),
            [
                "http://h.test/cms/api/articles?column=xqyw&offset=0&limit=15",
                "http://h.test/api/news?page=1&size=20"
            ]
        );
    }
}
