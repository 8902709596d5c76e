//! The harness of the random tests: how many cases run (`RELAY_FUZZ_CASES`, a default small
//! enough for CI otherwise), on how many threads (`RELAY_FUZZ_THREADS`, default 1), from which
//! seed (`RELAY_FUZZ_SEED`, random otherwise, and printed so a failure can be replayed), and a
//! tally of which random operations succeeded, so a test can require that a share of them did (a
//! regression that makes every operation fail then fails the test instead of passing vacuously),
//! and a count of the runtime's error logs. `scripts/fuzz.sh` runs the random tests at scale.

// The `log` crate as FRAME re-exports it (a dependency of its own would change `Cargo.lock`).
use frame_support::__private::log;
use proptest::{
	strategy::Strategy,
	test_runner::{Config, RngAlgorithm, TestCaseError, TestCaseResult, TestRng, TestRunner},
};
use std::{
	cell::{Cell, RefCell},
	collections::BTreeMap,
	fmt::Debug,
	hash::{BuildHasher, RandomState},
	panic::{self, AssertUnwindSafe},
	sync::{
		atomic::{AtomicBool, AtomicU64, Ordering},
		Mutex, Once, PoisonError,
	},
	time::Instant,
};

/// The environment variable with the number of cases (sequences) each random test runs.
pub const CASES_VAR: &str = "RELAY_FUZZ_CASES";
/// The environment variable with the seed of the case generator (a `u64`).
pub const SEED_VAR: &str = "RELAY_FUZZ_SEED";
/// The environment variable with the number of threads the cases are shared among.
pub const THREADS_VAR: &str = "RELAY_FUZZ_THREADS";

/// The tally's counts.
#[derive(Default)]
struct Counts {
	/// Attempts and successes by kind of operation.
	kinds: BTreeMap<&'static str, (u64, u64)>,
	/// Failed attempts by kind and error.
	errors: BTreeMap<(&'static str, String), u64>,
	/// Other things counted.
	notes: BTreeMap<&'static str, u64>,
}

/// How many times each kind of operation was attempted and succeeded, and why the others
/// failed (shared by the threads of a run).
#[derive(Default)]
pub struct Tally(Mutex<Counts>);

impl Tally {
	fn counts(&self) -> std::sync::MutexGuard<'_, Counts> {
		self.0.lock().unwrap_or_else(PoisonError::into_inner)
	}

	/// Records one attempt of `kind`.
	pub fn record<E: Debug>(&self, kind: &'static str, result: &Result<(), E>) {
		let mut counts = self.counts();
		let (attempts, successes) = counts.kinds.entry(kind).or_default();
		*attempts += 1;
		*successes += u64::from(result.is_ok());
		if let Err(e) = result {
			*counts.errors.entry((kind, format!("{e:?}"))).or_default() += 1;
		}
	}

	/// Counts one occurrence of `what` (something the test did or saw, not an operation).
	pub fn note(&self, what: &'static str) {
		*self.counts().notes.entry(what).or_default() += 1;
	}

	/// Attempts and successes of every kind together.
	pub fn totals(&self) -> (u64, u64) {
		let counts = self.counts();
		counts
			.kinds
			.values()
			.fold((0, 0), |(a, s), (attempts, successes)| (a + attempts, s + successes))
	}

	/// Attempts and successes of `kind`.
	pub fn of(&self, kind: &str) -> (u64, u64) {
		self.counts().kinds.get(kind).copied().unwrap_or_default()
	}

	/// One line per kind (attempts, successes, their share) with the errors of its failed
	/// attempts below it, most frequent first; then the totals and the notes.
	pub fn report(&self) -> String {
		let line = |kind: &str, (attempts, successes): (u64, u64)| {
			let share = 100.0 * successes as f64 / attempts.max(1) as f64;
			format!("  {kind:<16} {attempts:>10} tried {successes:>10} succeeded ({share:5.1} %)\n")
		};
		let totals = self.totals();
		let counts = self.counts();
		let mut report = String::new();
		for (kind, tried) in &counts.kinds {
			report.push_str(&line(kind, *tried));
			let mut failures: Vec<_> =
				counts.errors.iter().filter(|((k, _), _)| k == kind).collect();
			failures.sort_by_key(|(_, count)| std::cmp::Reverse(**count));
			for ((_, error), count) in failures {
				report.push_str(&format!("      {count:>10} {error}\n"));
			}
		}
		report.push_str(&line("all", totals));
		for (what, count) in &counts.notes {
			report.push_str(&format!("  {what}: {count}\n"));
		}
		report
	}
}

/// The value of environment variable `var` (parsed), or `default`.
fn env_or<T: std::str::FromStr>(var: &str, default: impl FnOnce() -> T) -> T {
	match std::env::var(var) {
		Ok(value) => value.trim().parse().unwrap_or_else(|_| panic!("{var}={value}: not a number")),
		Err(_) => default(),
	}
}

/// Counts the runtime's error logs (the pallets log, rather than fail, on paths that should not
/// happen) by target and message, digits replaced by `N`.
struct ErrorLogs;

static ERROR_LOGS: Mutex<BTreeMap<String, u64>> = Mutex::new(BTreeMap::new());

impl log::Log for ErrorLogs {
	fn enabled(&self, metadata: &log::Metadata) -> bool {
		metadata.level() <= log::Level::Error
	}

	fn log(&self, record: &log::Record) {
		if self.enabled(record.metadata()) {
			let message = format!("{}: {}", record.target(), record.args());
			let mut key = String::new();
			for c in message.chars() {
				match c.is_ascii_digit() {
					true if key.ends_with('N') => {},
					true => key.push('N'),
					false => key.push(c),
				}
			}
			let mut logs = ERROR_LOGS.lock().unwrap_or_else(PoisonError::into_inner);
			*logs.entry(key).or_default() += 1;
		}
	}

	fn flush(&self) {}
}

/// The error logs counted so far (none if another logger was installed first).
fn error_logs() -> BTreeMap<String, u64> {
	static INSTALL: Once = Once::new();
	INSTALL.call_once(|| {
		if log::set_logger(&ErrorLogs).is_ok() {
			log::set_max_level(log::LevelFilter::Error);
		}
	});
	ERROR_LOGS.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

thread_local! {
	/// Whether a panic on this thread is a case failing (recorded) rather than a test's.
	static IN_CASE: Cell<bool> = const { Cell::new(false) };
	/// The last case panic on this thread: its location and message.
	static CASE_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs (once) a panic hook that records a failing case's panic instead of printing it (a
/// failing case runs hundreds of times while proptest shrinks it); other panics go to the
/// previous hook.
fn record_case_panics() {
	static INSTALL: Once = Once::new();
	INSTALL.call_once(|| {
		let previous = panic::take_hook();
		panic::set_hook(Box::new(move |info| {
			if IN_CASE.get() {
				CASE_PANIC.set(Some(info.to_string()));
			} else {
				previous(info);
			}
		}));
	});
}

/// Runs `test` on `RELAY_FUZZ_CASES` (else `default_cases`) values of the strategy `strategy`
/// makes, shared among `RELAY_FUZZ_THREADS` threads (thread `i` seeded with the run's seed plus
/// `i`), and prints (to stderr) the count, the wall time and the seed. A case fails if `test`
/// returns an error or panics (an invariant check, say). On a failure the other threads stop,
/// proptest shrinks the input, and this panics with the reason, the minimal failing input and
/// the settings that replay the run.
pub fn run<S: Strategy>(
	name: &str,
	default_cases: u32,
	strategy: impl Fn() -> S + Sync,
	test: impl Fn(S::Value) -> TestCaseResult + Sync,
) where
	S::Value: Debug,
{
	let cases: u32 = env_or(CASES_VAR, || default_cases);
	let threads: u32 = env_or(THREADS_VAR, || 1).clamp(1, cases.max(1));
	let seed: u64 = env_or(SEED_VAR, || RandomState::new().hash_one(Instant::now()));
	record_case_panics();
	let logs_before = error_logs();
	// Cases run to the end (not stopped, shrinking included), and whether one failed.
	let (runs, stop) = (AtomicU64::new(0), AtomicBool::new(false));
	let thread = |i: u32| {
		let share = cases / threads + u32::from(i < cases % threads);
		let mut bytes = [0u8; 32];
		bytes[..8].copy_from_slice(&seed.wrapping_add(u64::from(i)).to_le_bytes());
		let config = Config { cases: share, failure_persistence: None, ..Config::default() };
		let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
		let case = |value: S::Value| {
			if stop.load(Ordering::Relaxed) {
				return Ok(());
			}
			runs.fetch_add(1, Ordering::Relaxed);
			IN_CASE.set(true);
			let outcome = panic::catch_unwind(AssertUnwindSafe(|| test(value)));
			IN_CASE.set(false);
			let result = outcome.unwrap_or_else(|_| {
				let panic = CASE_PANIC.take().unwrap_or_else(|| "a panic".into());
				Err(TestCaseError::fail(panic))
			});
			if result.is_err() {
				stop.store(true, Ordering::Relaxed);
			}
			result
		};
		TestRunner::new_with_rng(config, rng)
			.run(&strategy(), case)
			.map_err(|e| e.to_string())
	};
	let started = Instant::now();
	let outcomes: Vec<Result<(), String>> = std::thread::scope(|scope| {
		let handles: Vec<_> = (0..threads).map(|i| scope.spawn(move || thread(i))).collect();
		handles
			.into_iter()
			.map(|h| h.join().unwrap_or_else(|_| Err("panicked".into())))
			.collect()
	});
	let seconds = started.elapsed().as_secs_f64();
	let replay = format!("{SEED_VAR}={seed} {THREADS_VAR}={threads} {CASES_VAR}={cases}");
	let failures: Vec<_> = outcomes.into_iter().filter_map(Result::err).collect();
	for (message, count) in error_logs() {
		let new = count - logs_before.get(&message).copied().unwrap_or_default();
		if new > 0 {
			eprintln!("{name}: logged {new} times (error): {message}");
		}
	}
	if failures.is_empty() {
		eprintln!("{name}: {cases} cases passed in {seconds:.1} s on {threads} threads ({replay})");
	} else {
		let runs = runs.load(Ordering::Relaxed);
		panic!(
			"{name}: a case failed ({runs} cases run in {seconds:.1} s, shrinking included); {}\n\
			 {replay} replays this run",
			failures.join("\n")
		);
	}
}
