//! Unsubscribe links: an HMAC-SHA256 over the subscription id and the address, keyed by
//! the store's signing key.
//!
//! Invariants: a token is bound to one subscription and one address (case-insensitive);
//! the signing and checking are [`crate::token`]'s.

use crate::config::{Config, Subscription};
use crate::token::{Purpose, address_key, sign, verify};

/// HMAC-SHA256 over the subscription id and address, hex.
pub fn unsubscribe_token(key: &[u8], sub_id: &str, email: &str) -> String {
    sign(key, Purpose::Unsubscribe, &[sub_id, &address_key(email)])
}

/// Constant-time check of a token from a link.
pub(crate) fn verify_token(key: &[u8], sub_id: &str, email: &str, token: &str) -> bool {
    verify(
        key,
        Purpose::Unsubscribe,
        &[sub_id, &address_key(email)],
        token,
    )
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
