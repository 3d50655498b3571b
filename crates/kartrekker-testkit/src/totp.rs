//! Computes a TOTP code the way an authenticator app does (RFC 6238 with
//! HMAC-SHA-1, 6 digits, 30 s), from the base32 secret the set-up page shows:
//! written apart from the app's own `totp-rs`, so a test does not check the
//! app against itself.

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

/// RFC 4648 base32, upper case, padding and spaces ignored.
fn base32(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let (mut bits, mut value, mut out) = (0u32, 0u32, Vec::new());
    for ch in text.bytes().filter(|b| !b" =".contains(b)) {
        let v = ALPHABET.iter().position(|&a| a == ch.to_ascii_uppercase()).expect("a base32 secret") as u32;
        value = (value << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((value >> bits) as u8);
            value &= (1 << bits) - 1;
        }
    }
    out
}

/// The 6-digit code of `secret` at `unix_ms`.
pub fn totp_code(secret: &str, unix_ms: i64) -> String {
    let step = (unix_ms / 1000 / 30) as u64;
    let mut mac = Hmac::<Sha1>::new_from_slice(&base32(secret)).expect("any key length");
    mac.update(&step.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let at = usize::from(hash[hash.len() - 1] & 0x0f);
    let n = u32::from_be_bytes([hash[at] & 0x7f, hash[at + 1], hash[at + 2], hash[at + 3]]);
    format!("{:06}", n % 1_000_000)
}

/// The secret shown on `/settings/two-step` (grouped in fours, in a `<code>`
/// after the QR code), read from the page's HTML.
pub fn secret_on_page(html: &str) -> String {
    let at = html.find("class=\"secret\"><code>").expect("the set-up page shows the secret") + 21;
    html[at..].split('<').next().unwrap().replace(' ', "")
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_match_the_rfc_6238_test_vectors() {
        // "12345678901234567890" in base32; RFC 6238 appendix B, SHA-1, last six digits.
        let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        assert_eq!(super::totp_code(secret, 59_000), "287082");
        assert_eq!(super::totp_code(secret, 1_111_111_109_000), "081804");
        assert_eq!(super::totp_code(secret, 20_000_000_000_000), "353130");
    }
}
