//! The digest unsubscribe link: GET shows a page with a button, only POST unsubscribes
//! (RFC 8058 one-click included); the link is HMAC-signed.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use super::ServeState;
#[derive(Deserialize)]
pub(super) struct UnsubQuery {
    s: Option<String>,
    t: Option<String>,
}

pub(super) fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{t}</title>\
<style>body{{font-family:-apple-system,\"PingFang SC\",\"Microsoft YaHei\",sans-serif;max-width:560px;margin:40px auto;padding:0 16px;color:#222}}button{{font-size:16px;padding:8px 20px}}</style></head>\
<body><h1>{t}</h1>{body}</body></html>",
        t = html_escape::encode_text(title)
    );
    (status, Html(html)).into_response()
}

/// GET shows a confirmation with a button; it does not unsubscribe by itself, because link
/// scanners and previews follow GET links (RFC 8058 section 3.2).
pub(super) async fn unsubscribe_page(
    State(st): State<Arc<ServeState>>,
    Query(q): Query<UnsubQuery>,
) -> Response {
    let (Some(s), Some(t)) = (q.s, q.t) else {
        return page(
            StatusCode::BAD_REQUEST,
            "链接不完整",
            "<p>退订链接缺少参数。</p>",
        );
    };
    let config = st.config();
    // A `[[subscriptions]]` entry, or a reader who signed up themselves.
    let sub = crate::digest::readers::subscription_for_link(&config, &st.store, &s);
    let valid = sub.as_ref().is_some_and(|sub| {
        st.store
            .hmac_key()
            .is_ok_and(|k| crate::digest::verify_token(&k, &sub.id, &sub.email, &t))
    });
    if !valid {
        return page(
            StatusCode::FORBIDDEN,
            "链接无效",
            "<p>此退订链接无效或已被篡改。</p>",
        );
    }
    let email = sub.map(|sub| sub.email).unwrap_or_default();
    let action = format!(
        "unsubscribe?s={}&t={}",
        html_escape::encode_double_quoted_attribute(&s),
        html_escape::encode_double_quoted_attribute(&t)
    );
    page(
        StatusCode::OK,
        "退订开发区新闻摘要",
        &format!(
            "<p>将停止向 <strong>{}</strong> 发送摘要（{}）。</p><form method=\"post\" action=\"{action}\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\"><button type=\"submit\">确认退订</button></form>",
            html_escape::encode_text(&email),
            html_escape::encode_text(&s)
        ),
    )
}

/// The one-click POST (RFC 8058) and the confirmation form both land here.
pub(super) async fn unsubscribe_post(
    State(st): State<Arc<ServeState>>,
    Query(q): Query<UnsubQuery>,
) -> Response {
    let (Some(s), Some(t)) = (q.s, q.t) else {
        return page(
            StatusCode::BAD_REQUEST,
            "链接不完整",
            "<p>退订链接缺少参数。</p>",
        );
    };
    match crate::digest::unsubscribe(&st.config(), &st.store, &s, &t) {
        Ok(true) => {
            if let Err(e) = st.store.flush().await {
                tracing::error!("{e:#}");
            }
            page(
                StatusCode::OK,
                "已退订",
                "<p>您已退订，之后不会再收到此摘要。</p>",
            )
        }
        Ok(false) => page(
            StatusCode::FORBIDDEN,
            "链接无效",
            "<p>此退订链接无效或已被篡改。</p>",
        ),
        Err(e) => {
            tracing::error!("unsubscribe failed: {e:#}");
            page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "暂时无法退订",
                "<p>请稍后再试。</p>",
            )
        }
    }
}
