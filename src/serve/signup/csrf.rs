//! CSRF protection of the sign-up, confirm and manage forms: a signed double-submit token.
//!
//! A page with a form sets a random nonce in a `SameSite=Strict`, `HttpOnly` cookie and
//! puts HMAC-SHA256(store key, nonce) in the form. A POST is taken only when its form
//! token is the HMAC of its cookie's nonce. Another site can neither read the cookie nor
//! make the browser send it with a cross-site POST, and cannot forge the HMAC without the
//! key, so its forms are refused. As a second fence, a POST whose `Origin` names another
//! site, or whose `Sec-Fetch-Site` says `cross-site`, is refused whatever it carries.
//!
//! Invariants: checks are constant-time; a nonce is 32 hex digits and anything else in the
//! cookie is ignored (a fresh one is issued); the cookie carries no user data.

use crate::token::{Purpose, sign, verify};
use axum::http::{HeaderMap, HeaderValue, header};

pub(super) const COOKIE: &str = "zf_csrf";

/// The nonce this request's page uses, and whether it must be set in a cookie.
pub(super) struct Nonce {
    pub value: String,
    pub fresh: bool,
}

fn valid_nonce(v: &str) -> bool {
    v.len() == 32 && v.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The nonce from the request's cookie, if it has a well-formed one.
fn cookie_nonce(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, v)| *k == COOKIE && valid_nonce(v))
        .map(|(_, v)| v.to_string())
}

/// The request's nonce, or a new one (which the response must set).
pub(super) fn nonce(headers: &HeaderMap) -> anyhow::Result<Nonce> {
    if let Some(value) = cookie_nonce(headers) {
        return Ok(Nonce {
            value,
            fresh: false,
        });
    }
    Ok(Nonce {
        value: crate::token::random_hex(16)?,
        fresh: true,
    })
}

/// The form token for `nonce`.
pub(super) fn token(key: &[u8], nonce: &str) -> String {
    sign(key, Purpose::Csrf, &[nonce])
}

/// `Set-Cookie` for a fresh nonce. `Secure` when the public URL is https (a browser would
/// drop a Secure cookie on plain http, which local installs and tests use).
pub(super) fn set_cookie(n: &Nonce, secure: bool) -> Option<HeaderValue> {
    if !n.fresh {
        return None;
    }
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{COOKIE}={}; Path=/; HttpOnly; SameSite=Strict{secure}",
        n.value
    ))
    .ok()
}

/// Why a POST is refused, in words for the 403 page.
pub(super) fn check(
    key: &[u8],
    headers: &HeaderMap,
    form_token: Option<&str>,
    base_url: &url::Url,
) -> Result<(), &'static str> {
    if headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"cross-site"))
    {
        return Err("表单来自其他网站");
    }
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        // `null` is what privacy settings send for our own pages too; the token decides.
        if origin != "null" && !same_site(origin, headers, base_url) {
            return Err("表单来自其他网站");
        }
    }
    let Some(nonce) = cookie_nonce(headers) else {
        return Err("缺少表单令牌（请允许本站的 Cookie，然后重新打开表单）");
    };
    let Some(given) = form_token.filter(|t| !t.is_empty()) else {
        return Err("缺少表单令牌");
    };
    if verify(key, Purpose::Csrf, &[&nonce], given) {
        Ok(())
    } else {
        Err("表单令牌无效")
    }
}

/// Is `origin` this server: the public URL's origin, or the host the request was sent to?
fn same_site(origin: &str, headers: &HeaderMap, base_url: &url::Url) -> bool {
    if origin.eq_ignore_ascii_case(&base_url.origin().ascii_serialization()) {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let authority = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    matches!((authority, host), (Some(a), Some(h)) if a.eq_ignore_ascii_case(h))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            if let Ok(v) = HeaderValue::from_str(v) {
                h.append(*k, v);
            }
        }
        h
    }

    #[test]
    fn only_the_token_of_the_cookie_nonce_from_this_site_passes() {
        let key = b"0123456789abcdef0123456789abcdef";
        let base = url::Url::parse("https://feeds.example.cn/zf/").expect("url");
        let nonce = "0123456789abcdef0123456789abcdef";
        let t = token(key, nonce);
        let cookie = format!("other=1; {COOKIE}={nonce}");
        let ok = headers(&[("cookie", &cookie)]);
        assert_eq!(check(key, &ok, Some(&t), &base), Ok(()));
        assert!(check(key, &ok, None, &base).is_err());
        assert!(
            check(
                key,
                &ok,
                Some(&token(key, "ffffffffffffffffffffffffffffffff")),
                &base
            )
            .is_err()
        );
        assert!(
            check(key, &headers(&[]), Some(&t), &base).is_err(),
            "no cookie"
        );
        for (origin, pass) in [
            ("https://feeds.example.cn", true),
            ("null", true),
            ("https://evil.example", false),
            ("http://feeds.example.cn.evil.example", false),
        ] {
            let h = headers(&[("cookie", &cookie), ("origin", origin)]);
            assert_eq!(check(key, &h, Some(&t), &base).is_ok(), pass, "{origin}");
        }
        let h = headers(&[("cookie", &cookie), ("sec-fetch-site", "cross-site")]);
        assert!(check(key, &h, Some(&t), &base).is_err());
        let h = headers(&[
            ("cookie", &cookie),
            ("origin", "http://127.0.0.1:8080"),
            ("host", "127.0.0.1:8080"),
        ]);
        assert_eq!(
            check(key, &h, Some(&t), &base),
            Ok(()),
            "the host it was sent to"
        );
    }
}
