//! Helpers for tests that start the real `relay-node` binary: free ports, a child process that is
//! killed when dropped, JSON-RPC over WebSocket, and bounded waits.

#![allow(dead_code)] // Each test module uses a different subset.

pub mod tx;

use jsonrpsee::{
	core::client::ClientT,
	ws_client::{WsClient, WsClientBuilder},
};
use serde_json::Value;
use std::{
	net::TcpListener,
	os::unix::process::CommandExt,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	sync::Mutex,
	time::{Duration, Instant},
};

/// The binary cargo built for these tests.
pub const BINARY: &str = env!("CARGO_BIN_EXE_relay-node");

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0")
		.and_then(|l| l.local_addr())
		.map(|a| a.port())
		.expect("the OS hands out a free port")
}

/// A running node; killed (SIGKILL) when dropped, so a failing test leaves no process behind.
/// A view of a node another owner runs ([`shared_dev_node`]) has no process: dropping it, or
/// `kill`, leaves the node running.
pub struct Node {
	/// The child process (none in a view).
	child: Option<Child>,
	/// Its RPC port.
	pub rpc_port: u16,
	/// Its p2p port.
	pub p2p_port: u16,
	/// Where its log goes.
	pub log: PathBuf,
}

impl Node {
	/// Start `relay-node` with `args` plus fresh RPC and p2p ports (unless `args` names them),
	/// logging to `log`; Prometheus is off unless `args` names its port.
	pub fn start(args: &[&str], log: &Path) -> Node {
		Self::start_on(args, log, free_port(), free_port())
	}

	/// Start on the given ports.
	pub fn start_on(args: &[&str], log: &Path, rpc_port: u16, p2p_port: u16) -> Node {
		Self::spawn(args, log, rpc_port, p2p_port, false)
	}

	/// Start it as `start_on` does; with `die_with_thread`, the kernel kills it (SIGKILL) when
	/// the thread that starts it ends, which for a thread that lives as long as the test binary
	/// is when the binary exits, however it exits (see [`shared_dev_node`]).
	fn spawn(
		args: &[&str],
		log: &Path,
		rpc_port: u16,
		p2p_port: u16,
		die_with_thread: bool,
	) -> Node {
		let file = std::fs::OpenOptions::new()
			.create(true)
			.append(true)
			.open(log)
			.expect("log file can be created");
		// `--listen-addr` and `--port` exclude each other; callers with listen addresses put
		// `p2p_port` in them.
		let port_args: Vec<String> = if args.contains(&"--listen-addr") {
			vec![]
		} else {
			vec!["--port".into(), p2p_port.to_string()]
		};
		let mut command = Command::new(BINARY);
		if die_with_thread {
			// SAFETY: between fork and exec the closure makes one async-signal-safe system call
			// and touches no memory of the parent.
			unsafe {
				command.pre_exec(|| {
					if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) == 0 {
						Ok(())
					} else {
						Err(std::io::Error::last_os_error())
					}
				});
			}
		}
		let child = command
			.args(args)
			.args(["--rpc-port", &rpc_port.to_string()])
			.args(&port_args)
			.args(if args.contains(&"--prometheus-port") {
				&[][..]
			} else {
				&["--no-prometheus"][..]
			})
			.arg("--no-telemetry")
			.stdout(Stdio::null())
			.stderr(file)
			.spawn()
			.expect("relay-node starts");
		Node { child: Some(child), rpc_port, p2p_port, log: log.to_path_buf() }
	}

	/// The same node's ports and log, without its process.
	fn view(&self) -> Node {
		Node {
			child: None,
			rpc_port: self.rpc_port,
			p2p_port: self.p2p_port,
			log: self.log.clone(),
		}
	}

	/// The WebSocket URL of its RPC server.
	pub fn url(&self) -> String {
		format!("ws://127.0.0.1:{}", self.rpc_port)
	}

	/// Connect to its RPC server, retrying until `timeout`.
	pub async fn client(&self, timeout: Duration) -> WsClient {
		let deadline = Instant::now() + timeout;
		loop {
			match WsClientBuilder::default().build(self.url()).await {
				Ok(client) => return client,
				Err(e) if Instant::now() < deadline => {
					let _ = e;
					tokio::time::sleep(Duration::from_millis(500)).await;
				},
				Err(e) => panic!("RPC of {} never came up: {e}\n{}", self.url(), self.log_tail()),
			}
		}
	}

	/// The last lines of its log, for failure messages.
	pub fn log_tail(&self) -> String {
		let text = std::fs::read_to_string(&self.log).unwrap_or_default();
		let lines: Vec<&str> = text.lines().collect();
		lines[lines.len().saturating_sub(40)..].join("\n")
	}

	/// Kill it hard (SIGKILL) and reap it.
	pub fn kill(&mut self) {
		if let Some(child) = self.child.as_mut() {
			let _ = child.kill();
			let _ = child.wait();
		}
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		self.kill();
	}
}

/// The `--dev --tmp` node that the tests which only need a development chain share, so its boot
/// is paid once per run of them: started by the first test that asks, and stopped by the next
/// test that starts a network of its own ([`stop_shared_dev_node`]), so it never competes with a
/// network for the two cores; a later test that asks starts a new one. The tests that share it
/// leave nothing that another one checks (no runtime upgrade, no killed node; the accounts each
/// one reads are its own or only compared before and after its own transaction), and they run
/// one at a time. It returns a view ([`Node`] without the process).
///
/// The node's process outlives the test that starts it (and that test's tokio runtime), so it is
/// started on a thread that parks for the life of the test binary, and dies with that thread
/// (`PR_SET_PDEATHSIG`): when the test binary exits, passes, fails or is killed, so does the
/// node. Its log stays in the temporary directory it names.
pub fn shared_dev_node() -> Node {
	let mut shared = SHARED_DEV_NODE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
	if let Some(node) = shared.as_ref() {
		return node.view();
	}
	let (started, node) = std::sync::mpsc::channel();
	std::thread::Builder::new()
		.name("shared-dev-node".into())
		.spawn(move || {
			let dir = std::env::temp_dir().join(format!(
				"relay-node-test-shared-dev-{}-{}",
				std::process::id(),
				free_port()
			));
			std::fs::create_dir_all(&dir).expect("the shared node's directory can be created");
			let log = dir.join("dev.log");
			eprintln!("the shared --dev node logs to {}", log.display());
			let node = Node::spawn(&["--dev", "--tmp"], &log, free_port(), free_port(), true);
			started.send(node).expect("the test that asked waits for the shared node");
			loop {
				std::thread::park();
			}
		})
		.expect("the shared node's thread starts");
	let node = node.recv().expect("the shared node is started");
	let view = node.view();
	*shared = Some(node);
	view
}

/// Stops the shared `--dev` node if it runs (see [`shared_dev_node`]): every test that starts a
/// network calls this first.
pub fn stop_shared_dev_node() {
	let mut shared = SHARED_DEV_NODE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
	if let Some(mut node) = shared.take() {
		node.kill();
	}
}

/// The shared `--dev` node, while it runs.
static SHARED_DEV_NODE: Mutex<Option<Node>> = Mutex::new(None);

/// Call `method` with `params` and return the result as JSON.
pub async fn call(client: &WsClient, method: &str, params: Vec<Value>) -> Result<Value, String> {
	let mut p = jsonrpsee::core::params::ArrayParams::new();
	for value in params {
		p.insert(value).expect("JSON values serialize");
	}
	client.request::<Value, _>(method, p).await.map_err(|e| e.to_string())
}

/// The number of a header returned by `chain_getHeader`.
pub fn header_number(header: &Value) -> u64 {
	let hex = header["number"].as_str().expect("header has a number");
	u64::from_str_radix(hex.trim_start_matches("0x"), 16).expect("number is hex")
}

/// Best and finalized block numbers.
pub async fn best_and_finalized(client: &WsClient) -> (u64, u64) {
	let best = call(client, "chain_getHeader", vec![]).await.expect("chain_getHeader answers");
	let finalized_hash = call(client, "chain_getFinalizedHead", vec![])
		.await
		.expect("finalized head answers");
	let finalized = call(client, "chain_getHeader", vec![finalized_hash])
		.await
		.expect("finalized header answers");
	(header_number(&best), header_number(&finalized))
}

/// Poll until `(best, finalized)` satisfies `done`, or fail after `timeout`.
pub async fn wait_for_blocks(
	client: &WsClient,
	timeout: Duration,
	what: &str,
	done: impl Fn(u64, u64) -> bool,
) -> (u64, u64) {
	let deadline = Instant::now() + timeout;
	loop {
		let (best, finalized) = best_and_finalized(client).await;
		if done(best, finalized) {
			return (best, finalized);
		}
		assert!(
			Instant::now() < deadline,
			"timed out after {timeout:?} waiting for {what}: best {best}, finalized {finalized}"
		);
		tokio::time::sleep(Duration::from_secs(1)).await;
	}
}

/// A temporary directory removed at the end of the test.
pub struct TempDir(pub PathBuf);

impl TempDir {
	/// A fresh directory named after the test.
	pub fn new(name: &str) -> TempDir {
		let path = std::env::temp_dir().join(format!(
			"relay-node-test-{name}-{}-{}",
			std::process::id(),
			free_port()
		));
		std::fs::create_dir_all(&path).expect("temp dir can be created");
		TempDir(path)
	}

	/// A path inside it.
	pub fn join(&self, name: &str) -> PathBuf {
		self.0.join(name)
	}
}

impl Drop for TempDir {
	fn drop(&mut self) {
		if std::thread::panicking() {
			eprintln!("keeping {} for inspection", self.0.display());
		} else {
			let _ = std::fs::remove_dir_all(&self.0);
		}
	}
}

/// The Prometheus exposition text served on `port` (`GET /metrics`, plain HTTP on loopback).
pub fn prometheus_metrics(port: u16) -> String {
	use std::io::{Read, Write};
	let mut stream =
		std::net::TcpStream::connect(("127.0.0.1", port)).expect("Prometheus endpoint");
	stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
	stream
		.write_all(b"GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
		.expect("request sent");
	let mut response = String::new();
	stream.read_to_string(&mut response).expect("response read");
	response
}

/// The sum of every sample of the metric whose name ends with `name` (any prefix, any labels)
/// in Prometheus text `metrics`, with the labels that must appear in the sample.
pub fn metric_sum(metrics: &str, name: &str, labels: &str) -> f64 {
	metrics
		.lines()
		.filter(|line| !line.starts_with('#'))
		.filter_map(|line| line.rsplit_once(' '))
		.filter(|(key, _)| {
			let metric = key.split('{').next().unwrap_or_default();
			metric.ends_with(name) && key.contains(labels)
		})
		.filter_map(|(_, value)| value.parse::<f64>().ok())
		.sum()
}

/// Lower-case hex of `bytes`, without `0x`.
pub fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bytes of hex `text` (with or without `0x`); panics on bad hex (test input).
pub fn unhex(text: &str) -> Vec<u8> {
	let text = text.trim_start_matches("0x");
	(0..text.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
		.collect()
}

/// A fixed network key per node (validators of a non-dev chain must have one).
pub fn node_key(n: u8) -> String {
	format!("{:064x}", n)
}

/// The peer id of network key `key` (`relay-node key inspect-node-key`).
pub fn peer_id(key: &str, dir: &TempDir) -> String {
	let file = dir.join("node.key");
	std::fs::write(&file, key).expect("key file written");
	let out = Command::new(BINARY)
		.args(["key", "inspect-node-key", "--file"])
		.arg(&file)
		.output()
		.expect("key inspect-node-key runs");
	assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
	String::from_utf8(out.stdout).expect("utf8").trim().to_string()
}

/// The four validators of `--chain local` (Alice, Bob, Charlie, Dave) on loopback, each with a
/// fixed network key, its own base path under the test's directory and a Prometheus port;
/// Alice is everyone's bootnode.
pub struct Validators {
	/// Alice's address with her peer id, for other nodes' `--bootnodes`.
	pub bootnode: String,
	/// The validators' Prometheus ports, in order.
	pub prometheus: Vec<u16>,
	/// The running validators, in order.
	pub nodes: Vec<Node>,
}

/// The validators' names, in the order of their keys and of [`Validators::nodes`].
pub const VALIDATORS: [&str; 4] = ["alice", "bob", "charlie", "dave"];

impl Validators {
	/// Starts the four, with `extra` flags for each (stopping the shared `--dev` node first).
	pub fn start(dir: &TempDir, extra: &[&str]) -> Validators {
		stop_shared_dev_node();
		let alice_key = node_key(1);
		let alice_port = free_port();
		let bootnode = format!("/ip4/127.0.0.1/tcp/{alice_port}/p2p/{}", peer_id(&alice_key, dir));
		let mut validators = Validators { bootnode, prometheus: Vec::new(), nodes: Vec::new() };
		for (i, who) in VALIDATORS.into_iter().enumerate() {
			let base = dir.join(who).to_string_lossy().into_owned();
			let key = node_key(i as u8 + 1);
			let flag = format!("--{who}");
			let prometheus = free_port();
			let prometheus_arg = prometheus.to_string();
			let mut args = vec![
				"--chain",
				"local",
				&flag,
				"--base-path",
				&base,
				"--node-key",
				&key,
				"--no-mdns",
			];
			if i > 0 {
				args.extend(["--bootnodes", &validators.bootnode]);
			}
			args.extend(["--prometheus-port", &prometheus_arg]);
			args.extend_from_slice(extra);
			let log = dir.join(&format!("{who}.log"));
			let p2p = if i == 0 { alice_port } else { free_port() };
			validators.prometheus.push(prometheus);
			validators.nodes.push(Node::start_on(&args, &log, free_port(), p2p));
		}
		validators
	}
}
