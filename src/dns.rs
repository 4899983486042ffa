//! The one place xmfax talks to the network: DNS lookups of the customer's records through
//! `hickory-resolver`, asked synchronously. hickory-resolver is async only, so each lookup is driven
//! to completion here on a current-thread tokio runtime; nothing async leaves this module.
//!
//! A lookup answers with records, "no record" or NXDOMAIN (findings, judged by `policy::dns`), or
//! fails with "could not check: …" (a timeout, SERVFAIL, a refused or unreachable server), which
//! is never a finding.

use crate::policy::dns::{Answer, MAX_RECORDS, Mx, TxtAnswer, TxtRecord};
use anyhow::{Context, Result, anyhow, bail};
use hickory_resolver::TokioResolver;
use hickory_resolver::config::{NameServerConfig, ResolveHosts, ResolverConfig, ResolverOpts};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::{DnsError, NetError};
use hickory_resolver::proto::rr::{Name, RData, RecordType};
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

/// Which server to ask and how long to wait for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsSettings {
    /// `None`: the system's resolvers (/etc/resolv.conf).
    pub server: Option<SocketAddr>,
    pub timeout: Duration,
}

/// Reads `IP` or `IP:PORT` (`[IPv6]:PORT`); the port defaults to 53.
pub fn parse_server(input: &str) -> Result<SocketAddr, String> {
    let input = input.trim();
    if let Ok(addr) = input.parse::<SocketAddr>() {
        return Ok(addr);
    }
    if let Ok(ip) = input.trim_matches(['[', ']']).parse::<IpAddr>() {
        return Ok(SocketAddr::new(ip, 53));
    }
    Err(format!(
        "{input:?} is not a DNS server address: give IP or IP:PORT (e.g. 192.0.2.53, 192.0.2.53:5353, [2001:db8::53]:53)"
    ))
}

/// Reads a timeout in seconds (decimals allowed), between 0.1 and 60.
pub fn parse_timeout(input: &str) -> Result<Duration, String> {
    let seconds: f64 = input
        .trim()
        .trim_end_matches('s')
        .parse()
        .map_err(|_| format!("{input:?} is not a number of seconds"))?;
    if !(0.1..=60.0).contains(&seconds) {
        return Err(format!(
            "the DNS timeout must be between 0.1 and 60 seconds, not {input}"
        ));
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// A synchronous resolver.
pub struct Dns {
    runtime: tokio::runtime::Runtime,
    resolver: TokioResolver,
    timeout: Duration,
    /// The server(s) asked, as recorded with a proof and shown in errors.
    pub server: String,
}

impl Dns {
    pub fn new(settings: &DnsSettings) -> Result<Dns> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("cannot start the DNS client")?;
        let (config, mut options) = match settings.server {
            Some(addr) => {
                let mut server = NameServerConfig::udp_and_tcp(addr.ip());
                for connection in &mut server.connections {
                    connection.port = addr.port();
                }
                (
                    ResolverConfig::from_name_servers(vec![server]),
                    ResolverOpts::default(),
                )
            }
            None => hickory_resolver::system_conf::read_system_conf()
                .map_err(|e| anyhow!("could not check: cannot read the system's DNS configuration: {e}"))?,
        };
        let server = describe_servers(config.name_servers());
        options.timeout = settings.timeout;
        options.attempts = 1;
        options.use_hosts_file = ResolveHosts::Never;
        options.ndots = 0;
        let mut builder = TokioResolver::builder_with_config(config, TokioRuntimeProvider::default());
        *builder.options_mut() = options;
        let resolver = {
            let _inside = runtime.enter();
            builder
                .build()
                .map_err(|e| anyhow!("could not check: cannot set up the DNS client: {e}"))?
        };
        Ok(Dns {
            runtime,
            resolver,
            timeout: settings.timeout,
            server,
        })
    }

    /// The TXT records at `name` (each record's strings joined, bounded).
    pub fn txt(&self, name: &str) -> Result<TxtAnswer> {
        let records = self.lookup(name, RecordType::TXT)?;
        Ok(records.map(|rdata| match rdata {
            RData::TXT(txt) => Some(TxtRecord::from_strings(txt.txt_data.iter().map(|s| &s[..]))),
            _ => None,
        }))
    }

    pub fn mx(&self, name: &str) -> Result<Answer<Mx>> {
        let records = self.lookup(name, RecordType::MX)?;
        Ok(records.map(|rdata| match rdata {
            RData::MX(mx) => Some(Mx {
                preference: mx.preference,
                exchange: bounded_name(&mx.exchange),
            }),
            _ => None,
        }))
    }

    /// Whether `name` has an A or AAAA record.
    pub fn has_address(&self, name: &str) -> Result<bool> {
        for kind in [RecordType::A, RecordType::AAAA] {
            if !self.lookup(name, kind)?.records.is_empty() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn lookup(&self, name: &str, kind: RecordType) -> Result<RawAnswer> {
        // Fully qualified, so that no search domain of the system configuration is tried.
        let fqdn = Name::from_ascii(format!("{}.", name.trim_end_matches('.')))
            .map_err(|e| anyhow!("{name:?} is not a DNS name: {e}"))?;
        let future = self.resolver.lookup(fqdn, kind);
        let outcome = self.runtime.block_on(async {
            tokio::time::timeout(self.timeout + Duration::from_millis(250), future).await
        });
        let result = match outcome {
            Ok(result) => result,
            Err(_) => return Err(self.timed_out(name, kind)),
        };
        match result {
            Ok(lookup) => {
                let records: Vec<RData> = lookup
                    .answers()
                    .iter()
                    .filter(|r| r.record_type() == kind)
                    .map(|r| r.data.clone())
                    .collect();
                Ok(RawAnswer {
                    records,
                    nxdomain: false,
                })
            }
            Err(e) if e.is_nx_domain() => Ok(RawAnswer {
                records: Vec::new(),
                nxdomain: true,
            }),
            Err(e) if e.is_no_records_found() => Ok(RawAnswer {
                records: Vec::new(),
                nxdomain: false,
            }),
            Err(NetError::Timeout) => Err(self.timed_out(name, kind)),
            Err(NetError::Dns(DnsError::ResponseCode(code))) => bail!(
                "could not check: {} answered {code} for {name} {kind}: the answer is unknown, not negative",
                self.server
            ),
            Err(e) => bail!(
                "could not check: asking {} for {name} {kind} failed: {e}",
                self.server
            ),
        }
    }

    fn timed_out(&self, name: &str, kind: RecordType) -> anyhow::Error {
        anyhow!(
            "could not check: no answer from {} for {name} {kind} within {:.1} s (--dns-timeout)",
            self.server,
            self.timeout.as_secs_f64()
        )
    }
}

/// Records of one type as the server gave them, before they are bounded and converted.
struct RawAnswer {
    records: Vec<RData>,
    nxdomain: bool,
}

impl RawAnswer {
    fn map<T>(self, convert: impl Fn(RData) -> Option<T>) -> Answer<T> {
        if self.nxdomain {
            return Answer::NoDomain;
        }
        let mut records: Vec<T> = self.records.into_iter().filter_map(convert).collect();
        if records.is_empty() {
            return Answer::NoRecord;
        }
        let dropped = records.len().saturating_sub(MAX_RECORDS);
        records.truncate(MAX_RECORDS);
        Answer::Records { records, dropped }
    }
}

/// A host name from an answer, as text of bounded length (a name is at most 255 bytes anyway).
fn bounded_name(name: &Name) -> String {
    let text = name.to_ascii();
    let text = text.strip_suffix('.').filter(|t| !t.is_empty()).unwrap_or(&text);
    text.chars().take(255).collect()
}

fn describe_servers(servers: &[NameServerConfig]) -> String {
    let shown: Vec<String> = servers
        .iter()
        .take(3)
        .map(|s| {
            let port = s.connections.first().map_or(53, |c| c.port);
            SocketAddr::new(s.ip, port).to_string()
        })
        .collect();
    match shown.as_slice() {
        [] => "no DNS server".to_string(),
        [one] => one.clone(),
        _ => shown.join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_addresses() {
        assert_eq!(parse_server("192.0.2.1").unwrap().to_string(), "192.0.2.1:53");
        assert_eq!(parse_server("127.0.0.1:5353").unwrap().port(), 5353);
        assert_eq!(parse_server("[::1]:5353").unwrap().to_string(), "[::1]:5353");
        assert_eq!(parse_server("::1").unwrap().to_string(), "[::1]:53");
        assert!(parse_server("dns.example").is_err());
    }

    #[test]
    fn timeouts() {
        assert_eq!(parse_timeout("5").unwrap(), Duration::from_secs(5));
        assert_eq!(parse_timeout("0.5s").unwrap(), Duration::from_millis(500));
        assert!(parse_timeout("0").is_err());
        assert!(parse_timeout("61").is_err());
        assert!(parse_timeout("soon").is_err());
    }
}
