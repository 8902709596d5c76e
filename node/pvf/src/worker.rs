//! The worker process (`relay-node pvf-worker`, or this crate's `relay-pvf-worker` binary):
//! reads [`Request`]s on stdin, answers [`Response`]s on stdout, until stdin closes.
//!
//! It keeps up to [`PREPARED_CACHE_SIZE`] prepared modules (and preparation failures) by code
//! hash. Its address space is limited ([`WORKER_ADDRESS_SPACE`]), and a monitor thread exits
//! the process with [`PREPARE_TIMEOUT_EXIT_CODE`] if preparing code takes more CPU time than
//! the job allows (compilation cannot be interrupted otherwise), and with
//! [`EXECUTE_TIMEOUT_EXIT_CODE`] if executing Polkadot-ABI code does (`sc-executor` cannot be
//! interrupted either). Code in our own ABI is interrupted by wasmtime's epoch check instead, so
//! its timed-out execution does not cost the cache.

use crate::{
	error::{InternalError, InvalidCandidate, ValidationError},
	executor::{Abi, Executor, Prepared},
	limits::{EXECUTION_THREAD_STACK, MAX_MESSAGE_SIZE, PREPARED_CACHE_SIZE, WORKER_ADDRESS_SPACE},
	protocol::{
		read_message, write_message, Request, Response, EXECUTE_TIMEOUT_EXIT_CODE,
		PREPARE_TIMEOUT_EXIT_CODE,
	},
};
use codec::DecodeAll;
use std::{
	io::{self, BufReader, BufWriter},
	sync::{
		atomic::{AtomicI32, AtomicU64, Ordering},
		Arc,
	},
	time::{Duration, Instant},
};

/// How often the monitor thread checks the CPU time of a preparation or execution.
const MONITOR_PERIOD: Duration = Duration::from_millis(20);

/// Runs the worker until stdin closes. Returns an error only if it cannot start.
pub fn run() -> io::Result<()> {
	limit_address_space(WORKER_ADDRESS_SPACE);
	let job = std::thread::Builder::new()
		.name("pvf-job".into())
		.stack_size(EXECUTION_THREAD_STACK)
		.spawn(serve)?;
	job.join().map_err(|_| io::Error::other("the job thread panicked"))?
}

/// The job thread: the request loop.
fn serve() -> io::Result<()> {
	let executor = Executor::new().map_err(|e| io::Error::other(format!("{e:#}")));
	let monitor = Monitor::start()?;
	let mut input = BufReader::new(io::stdin().lock());
	let mut output = BufWriter::new(io::stdout().lock());
	let mut cache = Cache::default();
	loop {
		let bytes = match read_message(&mut input, MAX_MESSAGE_SIZE) {
			Ok(bytes) => bytes,
			Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(()),
			Err(e) => return Err(e),
		};
		let response = match (&executor, Request::decode_all(&mut &bytes[..])) {
			(Ok(executor), Ok(request)) => handle(executor, &monitor, &mut cache, request),
			(Err(e), _) => done(Err(InternalError::Worker(e.to_string()).into()), None, 0),
			(_, Err(e)) => done(Err(InternalError::Protocol(e.to_string()).into()), None, 0),
		};
		write_message(&mut output, &response)?;
	}
}

fn done(
	result: Result<relay_primitives::ValidationResult, ValidationError>,
	prepare_nanos: Option<u64>,
	execute_nanos: u64,
) -> Response {
	Response::Done { result, prepare_nanos, execute_nanos }
}

/// One request.
fn handle(executor: &Executor, monitor: &Monitor, cache: &mut Cache, request: Request) -> Response {
	let Request::Validate { code_hash, code, params, prepare_cpu_ms, execute_cpu_ms, chain } =
		request;
	let mut prepare_nanos = None;
	if cache.get(&code_hash).is_none() {
		let Some(code) = code else { return Response::NeedCode };
		let start = Instant::now();
		monitor.arm(Duration::from_millis(prepare_cpu_ms), PREPARE_TIMEOUT_EXIT_CODE);
		let prepared = executor.prepare(&code, &chain);
		monitor.disarm();
		prepare_nanos = Some(nanos(start.elapsed()));
		cache.insert(code_hash, prepared);
	}
	let Some(prepared) = cache.get(&code_hash) else {
		return done(Err(InternalError::Worker("the cache lost the code".into()).into()), None, 0);
	};
	let start = Instant::now();
	let cpu_limit = Duration::from_millis(execute_cpu_ms);
	let result = match prepared {
		Ok(prepared) => {
			let watched = prepared.abi() == Abi::Polkadot;
			if watched {
				monitor.arm(cpu_limit, EXECUTE_TIMEOUT_EXIT_CODE);
			}
			let result = executor.execute(prepared, &params, cpu_limit, &chain);
			if watched {
				monitor.disarm();
			}
			result.map_err(ValidationError::Invalid)
		},
		Err(invalid) => Err(ValidationError::Invalid(invalid.clone())),
	};
	done(result, prepare_nanos, nanos(start.elapsed()))
}

fn nanos(d: Duration) -> u64 {
	u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

/// Prepared modules and preparation failures by code hash, most recently used last.
#[derive(Default)]
struct Cache {
	entries: Vec<([u8; 32], Result<Prepared, InvalidCandidate>)>,
}

impl Cache {
	fn get(&mut self, hash: &[u8; 32]) -> Option<&Result<Prepared, InvalidCandidate>> {
		let at = self.entries.iter().position(|(h, _)| h == hash)?;
		let entry = self.entries.remove(at);
		self.entries.push(entry);
		self.entries.last().map(|(_, prepared)| prepared)
	}

	fn insert(&mut self, hash: [u8; 32], prepared: Result<Prepared, InvalidCandidate>) {
		self.entries.retain(|(h, _)| h != &hash);
		if self.entries.len() >= PREPARED_CACHE_SIZE {
			// The least recently used entry goes.
			drop(self.entries.remove(0));
		}
		self.entries.push((hash, prepared));
	}
}

/// Watches the job thread's CPU time while it does something that cannot be interrupted
/// (preparing code, executing Polkadot-ABI code), and ends the process if it goes over the
/// limit, with an exit code that tells the host which limit it was.
struct Monitor {
	/// The job thread's CPU clock.
	clock: libc::clockid_t,
	/// The CPU time (nanoseconds of the job thread) at which to give up; 0 when disarmed.
	deadline: Arc<AtomicU64>,
	/// The exit code for the armed limit.
	exit_code: Arc<AtomicI32>,
}

impl Monitor {
	/// Starts the monitor thread for the calling (job) thread.
	fn start() -> io::Result<Self> {
		let mut clock: libc::clockid_t = 0;
		// SAFETY: `pthread_self` is the calling thread; `clock` is a valid out-pointer.
		let rc = unsafe { libc::pthread_getcpuclockid(libc::pthread_self(), &mut clock) };
		if rc != 0 {
			return Err(io::Error::from_raw_os_error(rc));
		}
		let deadline = Arc::new(AtomicU64::new(0));
		let exit_code = Arc::new(AtomicI32::new(PREPARE_TIMEOUT_EXIT_CODE));
		let (watched, code) = (Arc::clone(&deadline), Arc::clone(&exit_code));
		std::thread::Builder::new().name("pvf-monitor".into()).spawn(move || loop {
			std::thread::sleep(MONITOR_PERIOD);
			let limit = watched.load(Ordering::Acquire);
			if limit != 0 && cpu_nanos(clock) > limit {
				// The host sees this exit code and reports the matching timeout.
				std::process::exit(code.load(Ordering::Acquire));
			}
		})?;
		Ok(Self { clock, deadline, exit_code })
	}

	/// The job thread starts something with `limit` of CPU time; overrunning it exits with
	/// `exit_code`.
	fn arm(&self, limit: Duration, exit_code: i32) {
		self.exit_code.store(exit_code, Ordering::Release);
		let at = cpu_nanos(self.clock).saturating_add(nanos(limit)).max(1);
		self.deadline.store(at, Ordering::Release);
	}

	/// The job thread is done with it.
	fn disarm(&self) {
		self.deadline.store(0, Ordering::Release);
	}
}

/// The CPU time of `clock`, in nanoseconds.
fn cpu_nanos(clock: libc::clockid_t) -> u64 {
	let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
	// SAFETY: `now` is a valid, writable timespec; `clock` came from `pthread_getcpuclockid`.
	if unsafe { libc::clock_gettime(clock, &mut now) } != 0 {
		return 0;
	}
	(now.tv_sec.max(0) as u64)
		.saturating_mul(1_000_000_000)
		.saturating_add(now.tv_nsec.max(0) as u64)
}

/// Caps the process's address space; a failure is ignored (the other limits still hold).
fn limit_address_space(bytes: u64) {
	let limit = libc::rlimit { rlim_cur: bytes, rlim_max: bytes };
	// SAFETY: a valid rlimit for RLIMIT_AS of this process.
	let _ = unsafe { libc::setrlimit(libc::RLIMIT_AS, &limit) };
}
