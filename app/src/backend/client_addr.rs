//! Who a request comes from, for the per-address limits (sign-ins, votes,
//! objections). Without care, these limits collapse: behind the reverse proxy
//! that HTTPS needs, every request comes from the proxy, so one bucket serves
//! the whole city (ten bad sign-ins would lock everyone out); on a dual-stack
//! socket every IPv4 client arrives as `::ffff:a.b.c.d` and would fall into one
//! IPv6 /64. So the peer is canonicalised, and `X-Forwarded-For` / `Forwarded`
//! are believed only from the proxies the operator names
//! (`JUARA_TRUSTED_PROXIES`), read from the right: the first address that is not
//! a trusted proxy is the client. A client cannot forge its way past that: what
//! it writes into the header itself stands left of what the proxy appends.

use http::HeaderMap;
use std::net::IpAddr;
use std::str::FromStr;

/// An address block (`10.0.0.0/8`, `2001:db8::/32`, or one address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

/// A block that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("«{0}» is not an address block like 10.0.0.0/8 or 2001:db8::/32")]
pub struct BadCidr(pub String);

impl FromStr for Cidr {
    type Err = BadCidr;

    fn from_str(text: &str) -> Result<Cidr, BadCidr> {
        let bad = || BadCidr(text.to_owned());
        let (address, prefix) = match text.trim().split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text.trim(), None),
        };
        let network = IpAddr::from_str(address).map_err(|_| bad())?.to_canonical();
        let bits = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(prefix) => prefix.parse::<u8>().map_err(|_| bad())?,
            None => bits,
        };
        if prefix > bits {
            return Err(bad());
        }
        Ok(Cidr { network, prefix })
    }
}

impl Cidr {
    /// Whether `addr` lies in the block.
    #[must_use]
    pub fn contains(&self, addr: IpAddr) -> bool {
        match (self.network, addr.to_canonical()) {
            (IpAddr::V4(network), IpAddr::V4(addr)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(network) & mask == u32::from(addr) & mask
            }
            (IpAddr::V6(network), IpAddr::V6(addr)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(network) & mask == u128::from(addr) & mask
            }
            _ => false,
        }
    }
}

/// Reads a comma-separated list of blocks (`JUARA_TRUSTED_PROXIES`).
pub fn parse_list(text: &str) -> Result<Vec<Cidr>, BadCidr> {
    text.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(Cidr::from_str)
        .collect()
}

/// The addresses a request passed through, as proxies recorded them, oldest
/// first: `Forwarded: for=…` when present (RFC 7239), else `X-Forwarded-For`.
fn forwarded_chain(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let values = |name: &str| -> Vec<String> {
        headers
            .get_all(name)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(|item| item.trim().to_owned())
            .collect()
    };
    let forwarded = values("forwarded");
    if !forwarded.is_empty() {
        return forwarded
            .iter()
            .map(|element| {
                element
                    .split(';')
                    .filter_map(|pair| pair.trim().split_once('='))
                    .find(|(name, _)| name.trim().eq_ignore_ascii_case("for"))
                    .and_then(|(_, value)| parse_node(value))
            })
            .collect();
    }
    values("x-forwarded-for")
        .iter()
        .map(|item| parse_node(item))
        .collect()
}

/// An address as proxies write it: `1.2.3.4`, `1.2.3.4:5678`, `"[2001:db8::1]:80"`.
fn parse_node(text: &str) -> Option<IpAddr> {
    let text = text.trim().trim_matches('"');
    if let Ok(addr) = IpAddr::from_str(text) {
        return Some(addr);
    }
    if let Some(rest) = text.strip_prefix('[') {
        return rest
            .split_once(']')
            .and_then(|(addr, _)| IpAddr::from_str(addr).ok());
    }
    text.rsplit_once(':')
        .and_then(|(addr, _)| IpAddr::from_str(addr).ok())
}

/// The client's address: the TCP peer, canonical; when the peer is a trusted
/// proxy, the nearest address in the forwarding chain that is not one (an
/// unreadable entry stops the walk at the proxy that wrote it).
///
#[must_use]
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[Cidr]) -> IpAddr {
    let peer = peer.to_canonical();
    let is_trusted = |addr: IpAddr| trusted.iter().any(|block| block.contains(addr));
    if !is_trusted(peer) {
        return peer;
    }
    let mut client = peer;
    for hop in forwarded_chain(headers).into_iter().rev() {
        match hop {
            Some(addr) => {
                client = addr.to_canonical();
                if !is_trusted(client) {
                    break;
                }
            }
            None => break,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }

    #[test]
    fn blocks_contain_their_addresses_only() {
        let block: Cidr = "10.1.0.0/16".parse().unwrap_or(Cidr {
            network: ip("0.0.0.0"),
            prefix: 32,
        });
        assert!(block.contains(ip("10.1.200.3")));
        assert!(block.contains(ip("::ffff:10.1.0.1")));
        assert!(!block.contains(ip("10.2.0.1")));
        assert!(parse_list("0.0.0.0/0").unwrap_or_default()[0].contains(ip("8.8.8.8")));
        assert!(parse_list("2001:db8::/32").unwrap_or_default()[0].contains(ip("2001:db8:9::1")));
        assert_eq!(
            parse_list(" 127.0.0.1 , ::1 ").map(|list| list.len()),
            Ok(2)
        );
        assert!(parse_list("10.0.0.0/33").is_err());
        assert!(parse_list("proxy.local").is_err());
    }

    #[test]
    fn the_nearest_untrusted_hop_is_the_client() {
        let trusted = parse_list("10.0.0.0/8, 192.168.0.0/16").unwrap_or_default();
        let mut headers = HeaderMap::new();
        // A client that writes its own header, then two proxies of ours.
        headers.insert(
            "x-forwarded-for",
            "1.1.1.1, 203.0.113.5, 192.168.1.1"
                .parse()
                .unwrap_or_else(|_| http::HeaderValue::from_static("")),
        );
        assert_eq!(
            client_ip(ip("10.0.0.1"), &headers, &trusted),
            ip("203.0.113.5")
        );
        // RFC 7239 wins over X-Forwarded-For, with quoted IPv6 and ports.
        headers.insert(
            "forwarded",
            "for=192.0.2.60;proto=https, for=\"[2001:db8:cafe::17]:4711\""
                .parse()
                .unwrap_or_else(|_| http::HeaderValue::from_static("")),
        );
        assert_eq!(
            client_ip(ip("10.0.0.1"), &headers, &trusted),
            ip("2001:db8:cafe::17")
        );
        // Only trusted hops and garbage: the walk stops at the last trusted one.
        let mut garbled = HeaderMap::new();
        garbled.insert(
            "x-forwarded-for",
            "nonsense"
                .parse()
                .unwrap_or_else(|_| http::HeaderValue::from_static("")),
        );
        assert_eq!(
            client_ip(ip("10.0.0.1"), &garbled, &trusted),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn without_trusted_proxies_headers_are_ignored() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "1.2.3.4"
                .parse()
                .unwrap_or_else(|_| http::HeaderValue::from_static("")),
        );
        assert_eq!(
            client_ip(ip("198.51.100.1"), &headers, &[]),
            ip("198.51.100.1")
        );
    }
}
