//! The host side: [`PvfHost`] keeps one worker process, sends it jobs one at a time, enforces a
//! wall-clock deadline on each, and restarts the worker after it dies or is killed.

use crate::{
	error::{InternalError, InvalidCandidate, ValidationError},
	limits::{
		ChainLimits, BACKING_EXECUTION_TIMEOUT, MAX_MESSAGE_SIZE, PREPARE_TIMEOUT,
		WALL_CLOCK_FACTOR, WALL_CLOCK_MARGIN,
	},
	protocol::{
		read_message, write_message, Request, Response, EXECUTE_TIMEOUT_EXIT_CODE,
		PREPARE_TIMEOUT_EXIT_CODE,
	},
};
use codec::{DecodeAll, Encode};
use relay_primitives::{ValidationCode, ValidationParams, ValidationResult};
use std::{
	io::{BufReader, BufWriter},
	path::PathBuf,
	process::{Child, ChildStdin, Command, Stdio},
	sync::{
		mpsc::{self, Receiver, RecvTimeoutError},
		Mutex,
	},
	thread::JoinHandle,
	time::{Duration, Instant},
};

/// How the host starts workers and what it allows a job.
#[derive(Clone, Debug)]
pub struct HostConfig {
	/// The worker program (the node's own binary).
	pub program: PathBuf,
	/// Its arguments (`["pvf-worker"]` for the node).
	pub args: Vec<String>,
	/// CPU time an execution may take.
	pub execute_timeout: Duration,
	/// CPU time preparing code may take.
	pub prepare_timeout: Duration,
	/// The chain's limits on code and heads.
	pub chain: ChainLimits,
}

impl HostConfig {
	/// Backing limits ([`BACKING_EXECUTION_TIMEOUT`], [`PREPARE_TIMEOUT`], the default chain
	/// limits) for workers started as `program args…`.
	pub fn new(program: impl Into<PathBuf>, args: &[&str]) -> Self {
		Self {
			program: program.into(),
			args: args.iter().map(|a| a.to_string()).collect(),
			execute_timeout: BACKING_EXECUTION_TIMEOUT,
			prepare_timeout: PREPARE_TIMEOUT,
			chain: ChainLimits::default(),
		}
	}
}

/// A successful validation, with where the time went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
	/// What the validation function returned (within the chain's limits).
	pub result: ValidationResult,
	/// Time the worker spent preparing the code, if this job prepared it.
	pub prepare_time: Option<Duration>,
	/// Time the worker spent executing.
	pub execute_time: Duration,
	/// Time of the whole call, as the caller sees it.
	pub total_time: Duration,
}

/// Runs validation code in a worker process. Jobs run one at a time (callers wait on a lock).
pub struct PvfHost {
	config: HostConfig,
	worker: Mutex<Option<Worker>>,
}

/// A running worker process.
struct Worker {
	child: Child,
	input: BufWriter<ChildStdin>,
	/// Messages read from the worker's stdout by `reader`; closed when it exits.
	output: Receiver<Vec<u8>>,
	reader: Option<JoinHandle<()>>,
}

impl PvfHost {
	/// A host that starts its worker on the first job.
	pub fn new(config: HostConfig) -> Self {
		Self { config, worker: Mutex::new(None) }
	}

	/// The host's configuration.
	pub fn config(&self) -> &HostConfig {
		&self.config
	}

	/// Validates a candidate: runs `code` on `params`.
	pub fn validate(
		&self,
		code: &ValidationCode,
		params: &ValidationParams,
	) -> Result<Outcome, ValidationError> {
		self.validate_encoded(code, &params.encode())
	}

	/// [`Self::validate`] with the params already encoded.
	pub fn validate_encoded(
		&self,
		code: &ValidationCode,
		params: &[u8],
	) -> Result<Outcome, ValidationError> {
		let start = Instant::now();
		let max = MAX_MESSAGE_SIZE.saturating_sub(code.0.len()).saturating_sub(1024);
		if params.len() > max {
			let size = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
			return Err(InvalidCandidate::ParamsTooLarge {
				size: size(params.len()),
				max: size(max),
			}
			.into());
		}
		let mut request = Request::Validate {
			code_hash: code.hash().0.to_fixed_bytes(),
			code: None,
			params: params.to_vec(),
			prepare_cpu_ms: millis(self.config.prepare_timeout),
			execute_cpu_ms: millis(self.config.execute_timeout),
			chain: self.config.chain,
		};
		let mut guard = self.worker.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		loop {
			let sends_code = matches!(&request, Request::Validate { code: Some(_), .. });
			let response = self.job(&mut guard, &request, sends_code)?;
			match response {
				Response::NeedCode if !sends_code => {
					let Request::Validate { code: ref mut slot, .. } = request;
					*slot = Some(code.0.clone());
				},
				Response::NeedCode => {
					return Err(InternalError::Protocol("asked for code it was sent".into()).into())
				},
				Response::Done { result, prepare_nanos, execute_nanos } => {
					return result.map(|result| Outcome {
						result,
						prepare_time: prepare_nanos.map(Duration::from_nanos),
						execute_time: Duration::from_nanos(execute_nanos),
						total_time: start.elapsed(),
					})
				},
			}
		}
	}

	/// Sends one request to the worker (starting one if needed) and waits for its answer within
	/// the job's wall-clock deadline.
	fn job(
		&self,
		slot: &mut Option<Worker>,
		request: &Request,
		prepares: bool,
	) -> Result<Response, ValidationError> {
		if slot.is_none() {
			*slot = Some(Worker::spawn(&self.config)?);
		}
		let Some(worker) = slot.as_mut() else {
			return Err(InternalError::Spawn("no worker".into()).into());
		};
		if let Err(e) = write_message(&mut worker.input, request) {
			let status = worker.stop();
			*slot = None;
			return Err(died(&format!("could not send the job ({e})"), status));
		}
		let cpu = if prepares {
			self.config.prepare_timeout.saturating_add(self.config.execute_timeout)
		} else {
			self.config.execute_timeout
		};
		let wall = cpu.saturating_mul(WALL_CLOCK_FACTOR).saturating_add(WALL_CLOCK_MARGIN);
		match worker.output.recv_timeout(wall) {
			Ok(bytes) => match Response::decode_all(&mut &bytes[..]) {
				Ok(response) => Ok(response),
				Err(e) => {
					let _ = worker.stop();
					*slot = None;
					Err(InternalError::Protocol(e.to_string()).into())
				},
			},
			Err(RecvTimeoutError::Timeout) => {
				// The worker did not stop the job itself: kill it (hard timeout).
				let _ = worker.stop();
				*slot = None;
				Err(if prepares {
					InvalidCandidate::PrepareTimeout
				} else {
					InvalidCandidate::Timeout
				}
				.into())
			},
			Err(RecvTimeoutError::Disconnected) => {
				let status = worker.stop();
				*slot = None;
				match status.and_then(|s| s.code()) {
					Some(PREPARE_TIMEOUT_EXIT_CODE) => Err(InvalidCandidate::PrepareTimeout.into()),
					Some(EXECUTE_TIMEOUT_EXIT_CODE) => Err(InvalidCandidate::Timeout.into()),
					_ => Err(died("the worker died during the job", status)),
				}
			},
		}
	}

	/// The worker's process id, if one is running (for tests and diagnostics).
	pub fn worker_pid(&self) -> Option<u32> {
		let guard = self.worker.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		guard.as_ref().map(|w| w.child.id())
	}
}

impl Drop for PvfHost {
	fn drop(&mut self) {
		let slot = self.worker.get_mut().unwrap_or_else(|poisoned| poisoned.into_inner());
		if let Some(mut worker) = slot.take() {
			let _ = worker.stop();
		}
	}
}

impl Worker {
	fn spawn(config: &HostConfig) -> Result<Self, ValidationError> {
		let mut child = Command::new(&config.program)
			.args(&config.args)
			.stdin(Stdio::piped())
			.stdout(Stdio::piped())
			.stderr(Stdio::inherit())
			.spawn()
			.map_err(|e| InternalError::Spawn(format!("{}: {e}", config.program.display())))?;
		let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
			let _ = child.kill();
			let _ = child.wait();
			return Err(InternalError::Spawn("no pipes to the worker".into()).into());
		};
		let (sender, output) = mpsc::channel();
		let reader = std::thread::Builder::new()
			.name("pvf-host-reader".into())
			.spawn(move || {
				let mut stdout = BufReader::new(stdout);
				while let Ok(bytes) = read_message(&mut stdout, MAX_MESSAGE_SIZE) {
					if sender.send(bytes).is_err() {
						break;
					}
				}
			})
			.map_err(|e| InternalError::Spawn(format!("reader thread: {e}")))?;
		Ok(Self { child, input: BufWriter::new(stdin), output, reader: Some(reader) })
	}

	/// Kills the worker (if it still runs) and reaps it; its exit status if known.
	fn stop(&mut self) -> Option<std::process::ExitStatus> {
		let status = match self.child.try_wait() {
			Ok(Some(status)) => Some(status),
			_ => {
				let _ = self.child.kill();
				self.child.wait().ok()
			},
		};
		if let Some(reader) = self.reader.take() {
			let _ = reader.join();
		}
		status
	}
}

fn died(what: &str, status: Option<std::process::ExitStatus>) -> ValidationError {
	let status = status.map_or_else(|| "unknown status".into(), |s| s.to_string());
	InternalError::WorkerDied(format!("{what}: {status}")).into()
}

fn millis(d: Duration) -> u64 {
	u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}
