//! A real authoritative DNS server for the DNS tests: `hickory-server` in this test process, on a
//! free port of 127.0.0.1 (UDP and TCP), serving the zone `test.` from zone-file text, with records
//! added while it runs (a customer publishing its token). Names under `servfail.test.` are answered
//! SERVFAIL. [`SilentServer`] reads queries and never answers. Nothing here reaches another machine.

use hickory_server::Server;
use hickory_server::net::runtime::Time;
use hickory_server::proto::op::{Header, HeaderCounts, MessageType, Metadata, ResponseCode};
use hickory_server::proto::rr::{LowerName, Name, RData, Record, rdata::TXT};
use hickory_server::proto::serialize::txt::Parser;
use hickory_server::server::{Request, RequestHandler, ResponseHandler, ResponseInfo};
use hickory_server::store::in_memory::InMemoryZoneHandler;
use hickory_server::zone_handler::{AxfrPolicy, Catalog, MessageResponseBuilder, ZoneHandler, ZoneType};
use std::net::{SocketAddr, TcpListener, UdpSocket};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// The SOA and NS every test zone starts with.
const ZONE_HEAD: &str = "$ORIGIN test.\n$TTL 60\n@ IN SOA ns.test. hostmaster.test. 1 3600 600 86400 60\n@ IN NS ns.test.\nns IN A 127.0.0.1\n";

pub struct TestDns {
    pub addr: SocketAddr,
    zone: Arc<InMemoryZoneHandler>,
}

impl TestDns {
    /// Serves `test.` with `records` (zone-file lines relative to `test.`).
    pub fn start(records: &str) -> TestDns {
        let text = format!("{ZONE_HEAD}{records}");
        let origin = Name::from_str("test.").expect("origin");
        let (_, zone_records) = Parser::new(text, None, Some(origin.clone()))
            .parse()
            .expect("test zone parses");
        let zone = Arc::new(
            InMemoryZoneHandler::new(origin.clone(), zone_records, ZoneType::Primary, AxfrPolicy::Deny)
                .expect("test zone loads"),
        );
        let (udp, tcp) = bind_pair();
        let addr = udp.local_addr().expect("address");
        let mut catalog = Catalog::new();
        catalog.upsert(
            LowerName::from(&origin),
            vec![zone.clone() as Arc<dyn ZoneHandler>],
        );
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let mut server = Server::new(TestHandler { catalog });
                server.register_socket(tokio::net::UdpSocket::from_std(udp).expect("udp"));
                server.register_listener(
                    tokio::net::TcpListener::from_std(tcp).expect("tcp"),
                    Duration::from_secs(5),
                    16,
                );
                let _ = server.block_until_done().await;
            });
        });
        TestDns { addr, zone }
    }

    /// `--dns-server` for this server.
    pub fn server(&self) -> String {
        self.addr.to_string()
    }

    /// Adds a TXT record (one string per element) while the server runs.
    pub fn publish_txt(&self, name: &str, strings: &[&str]) {
        let name = Name::from_str(name).expect("name");
        let record = Record::from_rdata(
            name,
            60,
            RData::TXT(TXT::new(strings.iter().map(|s| s.to_string()).collect())),
        );
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        assert!(runtime.block_on(self.zone.upsert(record, 2)), "record added");
    }
}

/// Binds UDP and TCP on the same free port of 127.0.0.1.
fn bind_pair() -> (UdpSocket, TcpListener) {
    for _ in 0..50 {
        let udp = UdpSocket::bind("127.0.0.1:0").expect("bind udp");
        if let Ok(tcp) = TcpListener::bind(udp.local_addr().expect("address")) {
            udp.set_nonblocking(true).expect("nonblocking");
            tcp.set_nonblocking(true).expect("nonblocking");
            return (udp, tcp);
        }
    }
    panic!("no free port for UDP and TCP on 127.0.0.1");
}

struct TestHandler {
    catalog: Catalog,
}

#[async_trait::async_trait]
impl RequestHandler for TestHandler {
    async fn handle_request<R: ResponseHandler, T: Time>(
        &self,
        request: &Request,
        mut response_handle: R,
    ) -> ResponseInfo {
        let servfail = LowerName::from_str("servfail.test.").expect("name");
        if request
            .queries
            .queries()
            .iter()
            .any(|q| servfail.zone_of(q.name()))
        {
            let response = MessageResponseBuilder::new(&request.queries, None)
                .error_msg(&request.metadata, ResponseCode::ServFail);
            return match response_handle.send_response(response).await {
                Ok(info) => info,
                Err(_) => {
                    let mut metadata = Metadata::new(
                        request.metadata.id,
                        MessageType::Response,
                        request.metadata.op_code,
                    );
                    metadata.response_code = ResponseCode::ServFail;
                    ResponseInfo::from(Header {
                        metadata,
                        counts: HeaderCounts::default(),
                    })
                }
            };
        }
        self.catalog
            .handle_request::<R, T>(request, response_handle)
            .await
    }
}

/// A "server" on 127.0.0.1 that reads every query and never answers (UDP), and accepts TCP
/// connections it never reads: every lookup against it times out.
pub struct SilentServer {
    pub addr: SocketAddr,
    _tcp: TcpListener,
}

impl SilentServer {
    pub fn start() -> SilentServer {
        let (udp, tcp) = bind_pair();
        let addr = udp.local_addr().expect("address");
        udp.set_nonblocking(false).expect("blocking");
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while udp.recv_from(&mut buf).is_ok() {}
        });
        SilentServer { addr, _tcp: tcp }
    }
}
