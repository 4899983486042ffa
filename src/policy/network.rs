//! Whitelist entries: CIDR parsing in canonical network form, and whether a client IP is covered.

use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Parses an IPv4/IPv6 network; a bare address is a /32 or /128. Host bits must be zero.
pub fn parse_network(input: &str) -> Result<IpNet, String> {
    super::refuse_oversized("network", input, 128)?;
    let trimmed = input.trim();
    let net: IpNet = match trimmed.parse::<IpNet>() {
        Ok(net) => net,
        Err(_) => match trimmed.parse::<IpAddr>() {
            Ok(addr) => IpNet::from(addr),
            Err(_) => {
                return Err(format!(
                    "invalid network {input:?}: expected an IPv4/IPv6 address or CIDR such as 203.0.113.0/24 or 2001:db8::/48"
                ));
            }
        },
    };
    let net = unmap_ipv4(net);
    if net.trunc() != net {
        return Err(format!(
            "invalid network {input:?}: host bits are set\nhint: the network is {}",
            net.trunc()
        ));
    }
    Ok(net)
}

/// IPv4-mapped IPv6 networks (`::ffff:192.0.2.0/120`) are stored as the IPv4 network they denote,
/// so that one address is never whitelisted under two spellings.
fn unmap_ipv4(net: IpNet) -> IpNet {
    if let IpNet::V6(v6) = net
        && let Some(v4) = v6.addr().to_ipv4_mapped()
        && v6.prefix_len() >= 96
        && let Ok(mapped) = Ipv4Net::new(v4, v6.prefix_len() - 96)
    {
        return IpNet::V4(mapped);
    }
    net
}

/// The client address as the gateway compares it: IPv4-mapped IPv6 becomes IPv4.
pub fn canonical_ip(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        IpAddr::V4(_) => ip,
    }
}

pub fn whitelist_contains(whitelist: &[IpNet], ip: IpAddr) -> bool {
    let ip = canonical_ip(ip);
    whitelist.iter().any(|net| net.contains(&ip))
}

/// Why a whitelist entry does not restrain sources well: too broad (fails) or not a public mail server (warns).
pub enum EntryConcern {
    TooBroad(String),
    NotPublic(String),
}

pub fn entry_concern(net: &IpNet) -> Option<EntryConcern> {
    // An IPv6 prefix that embeds IPv4 addresses whitelists the IPv4 range it embeds: judged as that.
    if let IpNet::V6(v6) = net
        && let Some((v4, kind)) = embedded_ipv4(v6)
    {
        let explain = |message: String| format!("{net} is the {kind} form of IPv4 {v4}, so {message}");
        return entry_concern(&IpNet::V4(v4)).map(|concern| match concern {
            EntryConcern::TooBroad(message) => EntryConcern::TooBroad(explain(message)),
            EntryConcern::NotPublic(message) => EntryConcern::NotPublic(explain(message)),
        });
    }
    match net {
        IpNet::V4(v4) if v4.prefix_len() < 16 => Some(EntryConcern::TooBroad(format!(
            "{net} covers more than a /16 ({} addresses)",
            1u64 << (32 - v4.prefix_len())
        ))),
        IpNet::V6(v6) if v6.prefix_len() < 32 => {
            Some(EntryConcern::TooBroad(format!("{net} covers more than a /32")))
        }
        _ => special_range(net).map(|kind| {
            EntryConcern::NotPublic(format!(
                "{net} is in a {kind} range and cannot be a public mail server"
            ))
        }),
    }
}

/// IPv6 prefixes whose addresses carry an IPv4 address in their last 32 bits: IPv4-mapped and
/// IPv4-compatible (RFC 4291), the NAT64 well-known prefix (RFC 6052) and the local-use one (RFC 8215).
const IPV4_EMBEDDING: [(Ipv6Net, &str); 4] = [
    net6([0, 0, 0, 0, 0, 0xffff, 0, 0], 96, "IPv4-mapped"),
    net6([0x64, 0xff9b, 0, 0, 0, 0, 0, 0], 96, "NAT64"),
    net6([0x64, 0xff9b, 1, 0, 0, 0, 0, 0], 48, "local-use NAT64"),
    net6([0; 8], 96, "IPv4-compatible"),
];

const fn net6(segments: [u16; 8], prefix: u8, kind: &'static str) -> (Ipv6Net, &'static str) {
    let [a, b, c, d, e, f, g, h] = segments;
    match Ipv6Net::new(Ipv6Addr::new(a, b, c, d, e, f, g, h), prefix) {
        Ok(net) => (net, kind),
        Err(_) => panic!("invalid prefix length"),
    }
}

/// The IPv4 range an IPv6 network embeds, and how: the last 32 bits under one of [`IPV4_EMBEDDING`]
/// for a network of at least /96, all of IPv4 for a broader one within or around such a prefix.
fn embedded_ipv4(net: &Ipv6Net) -> Option<(Ipv4Net, &'static str)> {
    IPV4_EMBEDDING.iter().find_map(|&(prefix, kind)| {
        let all_ipv4 = Ipv4Net::new(Ipv4Addr::UNSPECIFIED, 0).ok()?;
        if prefix.contains(net) {
            if net.prefix_len() >= 96 {
                let v4 = Ipv4Addr::from(net.network().to_bits() as u32);
                Some((Ipv4Net::new(v4, net.prefix_len() - 96).ok()?, kind))
            } else {
                Some((all_ipv4, kind))
            }
        } else if net.contains(&prefix) && net.prefix_len() >= 32 {
            Some((all_ipv4, kind))
        } else {
            None
        }
    })
}

fn special_range(net: &IpNet) -> Option<&'static str> {
    const RANGES: &[(&str, &str)] = &[
        ("10.0.0.0/8", "private"),
        ("172.16.0.0/12", "private"),
        ("192.168.0.0/16", "private"),
        ("100.64.0.0/10", "shared (carrier-grade NAT)"),
        ("127.0.0.0/8", "loopback"),
        ("169.254.0.0/16", "link-local"),
        ("192.0.2.0/24", "documentation"),
        ("198.51.100.0/24", "documentation"),
        ("203.0.113.0/24", "documentation"),
        ("0.0.0.0/8", "unspecified"),
        ("::1/128", "loopback"),
        ("::/128", "unspecified"),
        ("fc00::/7", "private (unique local)"),
        ("fe80::/10", "link-local"),
        ("2001:db8::/32", "documentation"),
    ];
    RANGES.iter().find_map(|(range, kind)| {
        let range: IpNet = range.parse().ok()?;
        (range.contains(&net.network()) || net.contains(&range.network())).then_some(*kind)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_networks() {
        assert_eq!(parse_network("198.18.4.7").unwrap().to_string(), "198.18.4.7/32");
        assert_eq!(
            parse_network("2001:db8::1").unwrap().to_string(),
            "2001:db8::1/128"
        );
        assert_eq!(parse_network(" 8.8.0.0/16 ").unwrap().to_string(), "8.8.0.0/16");
        assert_eq!(
            parse_network("::ffff:8.8.8.0/120").unwrap().to_string(),
            "8.8.8.0/24"
        );
    }

    #[test]
    fn refuses_host_bits_with_a_hint() {
        let err = parse_network("8.8.8.8/16").unwrap_err();
        assert!(err.contains("hint: the network is 8.8.0.0/16"), "{err}");
        assert!(
            parse_network("2001:db8::1/32")
                .unwrap_err()
                .contains("2001:db8::/32")
        );
    }

    #[test]
    fn refuses_garbage() {
        for bad in [
            "",
            "1.2.3",
            "1.2.3.4/33",
            "::1/129",
            "mail.acme.com",
            "1.2.3.4/",
            "1.2.3.4/-1",
            "01.2.3.4",
        ] {
            assert!(parse_network(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn mapped_client_ips_compare_as_ipv4() {
        let list = [parse_network("8.8.8.0/24").unwrap()];
        assert!(whitelist_contains(&list, "::ffff:8.8.8.8".parse().unwrap()));
        assert!(whitelist_contains(&list, "8.8.8.200".parse().unwrap()));
        assert!(!whitelist_contains(&list, "8.8.9.1".parse().unwrap()));
    }

    #[test]
    fn concerns() {
        let concern = |s: &str| entry_concern(&parse_network(s).unwrap());
        assert!(matches!(concern("8.0.0.0/8"), Some(EntryConcern::TooBroad(_))));
        assert!(matches!(concern("2001::/16"), Some(EntryConcern::TooBroad(_))));
        assert!(matches!(concern("10.1.0.0/16"), Some(EntryConcern::NotPublic(_))));
        assert!(matches!(concern("203.0.113.5"), Some(EntryConcern::NotPublic(_))));
        assert!(matches!(concern("fe80::1"), Some(EntryConcern::NotPublic(_))));
        assert!(concern("8.8.0.0/16").is_none());
        assert!(concern("2a00:1450::/32").is_none());
    }

    #[test]
    fn ipv6_prefixes_embedding_ipv4_are_judged_as_that_ipv4_range() {
        let concern = |s: &str| entry_concern(&s.parse::<IpNet>().unwrap());
        let broad = |s: &str| matches!(concern(s), Some(EntryConcern::TooBroad(_)));
        // All of IPv4.
        for all in [
            "64:ff9b::/96",
            "::ffff:0:0/96",
            "::/96",
            "64:ff9b:1::/48",
            "64:ff9b::/64",
            "64:ff9b:1:2::/64",
        ] {
            assert!(broad(all), "{all}");
        }
        // Each is a /8 of IPv4.
        for slash8 in [
            "64:ff9b::800:0/104",
            "::ffff:800:0/104",
            "::800:0/104",
            "64:ff9b:1::800:0/104",
        ] {
            assert!(broad(slash8), "{slash8}");
        }
        // A specific public IPv4 network through NAT64 is fine; a private one only warns.
        assert!(concern("64:ff9b::808:800/120").is_none());
        assert!(concern("64:ff9b:1::808:800/120").is_none());
        assert!(matches!(
            concern("64:ff9b::a01:0/112"),
            Some(EntryConcern::NotPublic(_))
        ));
        match concern("64:ff9b::/96") {
            Some(EntryConcern::TooBroad(message)) => {
                assert!(message.contains("NAT64 form of IPv4 0.0.0.0/0"), "{message}");
            }
            _ => panic!("64:ff9b::/96 is all of IPv4"),
        }
        // Loopback stays a concern.
        assert!(matches!(concern("::1/128"), Some(EntryConcern::NotPublic(_))));
    }
}
