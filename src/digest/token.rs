//! Unsubscribe links: an HMAC-SHA256 over the subscription id and the address, keyed by
//! the store's signing key.
//!
//! Invariants: a token is bound to one subscription and one address (case-insensitive);
//! checking is constant-time; a token of any length but 64 characters is rejected.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::config::{Config, Subscription};

type HmacSha256 = Hmac<Sha256>;

fn mac(key: &[u8], sub_id: &str, email: &str) -> Option<HmacSha256> {
    let mut m = HmacSha256::new_from_slice(key).ok()?;
    m.update(b"zonefeed unsubscribe\0");
    m.update(sub_id.as_bytes());
    m.update(b"\0");
    m.update(email.to_ascii_lowercase().as_bytes());
    Some(m)
}

/// HMAC-SHA256 over the subscription id and address, hex.
pub fn unsubscribe_token(key: &[u8], sub_id: &str, email: &str) -> String {
    mac(key, sub_id, email)
        .map(|m| crate::parse::hex(&m.finalize().into_bytes()))
        .unwrap_or_default()
}

/// Constant-time check of a token from a link.
pub(crate) fn verify_token(key: &[u8], sub_id: &str, email: &str, token: &str) -> bool {
    let Some(bytes) = unhex(token) else {
        return false;
    };
    mac(key, sub_id, email).is_some_and(|m| m.verify_slice(&bytes).is_ok())
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() != 64 || !s.is_ascii() {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

pub(crate) fn unsubscribe_url(config: &Config, key: &[u8], sub: &Subscription) -> String {
    format!(
        "{}unsubscribe?s={}&t={}",
        config.service.base_url,
        sub.id,
        unsubscribe_token(key, &sub.id, &sub.email)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_verify_and_reject_tampering() {
        let key = b"0123456789abcdef0123456789abcdef";
        let t = unsubscribe_token(key, "alice", "Alice@Example.com");
        assert_eq!(t.len(), 64);
        assert!(verify_token(key, "alice", "alice@example.com", &t));
        assert!(!verify_token(key, "bob", "alice@example.com", &t));
        assert!(!verify_token(
            b"another key of thirty-two bytes!",
            "alice",
            "alice@example.com",
            &t
        ));
        let mut forged = t.clone();
        forged.replace_range(0..1, if t.starts_with('0') { "1" } else { "0" });
        assert!(!verify_token(key, "alice", "alice@example.com", &forged));
        assert!(!verify_token(key, "alice", "alice@example.com", "zz"));
        assert!(!verify_token(
            key,
            "alice",
            "alice@example.com",
            &"g".repeat(64)
        ));
    }
}
