//! PVF host figures for the example parachain: preparation (cold) and execution (cached) of a
//! small block and of a block with a 1 MiB PoV, through the worker process and in-process, and
//! the worker round trip. Prints a table; it asserts nothing (figures, not tests).
//!
//! `scripts/bench-pvf.sh` runs it in release (`cargo bench -p relay-pvf --bench pvf`).

use codec::Encode;
use example_para::{genesis_head, genesis_state, Block, Op};
use relay_primitives::{BlockData, HeadData, ValidationCode, ValidationParams};
use relay_pvf::{HostConfig, InProcess, PvfHost, ValidationBackend};
use std::time::{Duration, Instant};

/// Executions measured per case (after one warm-up).
const RUNS: usize = 200;

fn params(ops: Vec<Op>) -> ValidationParams {
	let block = Block { state: genesis_state(2000), ops };
	ValidationParams {
		parent_head: HeadData(genesis_head(2000).encode()),
		block_data: BlockData(block.encode()),
		relay_parent_number: 1,
		relay_parent_storage_root: [1; 32].into(),
	}
}

/// Median and minimum of `samples`.
fn stats(mut samples: Vec<Duration>) -> (Duration, Duration) {
	samples.sort();
	(samples[samples.len() / 2], samples[0])
}

fn ms(d: Duration) -> String {
	format!("{:.3} ms", d.as_secs_f64() * 1_000.0)
}

fn main() {
	let code = ValidationCode(relay_runtime::EXAMPLE_PARA_WASM.expect("built with WASM").to_vec());
	let worker = env!("CARGO_BIN_EXE_relay-pvf-worker");
	println!("example para code: {} bytes; worker: {worker}", code.0.len());
	let small = params(vec![Op::Add { name: b"blocks".to_vec(), amount: 1 }]);
	let big = params(vec![Op::Remark(vec![0xab; 1024 * 1024])]);
	println!("| case | PoV | median | min |");
	println!("| --- | --- | --- | --- |");
	for (name, params) in [("small block", &small), ("1 MiB remark", &big)] {
		let pov = params.block_data.0.len();
		// Cold: a new host spawns its worker, which prepares the code, then executes.
		let host = PvfHost::new(HostConfig::new(worker, &[]));
		let start = Instant::now();
		let first = host.validate(&code, params).expect("valid");
		let cold = start.elapsed();
		let prepare = first.prepare_time.expect("the first job prepares");
		println!("| {name}: first job (spawn + prepare + execute) | {pov} B | {} | |", ms(cold));
		println!("| {name}: prepare, in the worker | {pov} B | {} | |", ms(prepare));
		let mut total = Vec::new();
		let mut execute = Vec::new();
		for _ in 0..RUNS {
			let outcome = host.validate(&code, params).expect("valid");
			total.push(outcome.total_time);
			execute.push(outcome.execute_time);
		}
		let round_trip: Vec<Duration> =
			total.iter().zip(&execute).map(|(t, e)| t.saturating_sub(*e)).collect();
		let (median, min) = stats(total);
		println!(
			"| {name}: execute, end to end (cached) | {pov} B | {} | {} |",
			ms(median),
			ms(min)
		);
		let (median, min) = stats(execute);
		println!("| {name}: execute, in the worker | {pov} B | {} | {} |", ms(median), ms(min));
		let (median, min) = stats(round_trip);
		println!(
			"| {name}: worker round trip (end to end − execute) | {pov} B | {} | {} |",
			ms(median),
			ms(min)
		);
		// In-process: no worker, the code prepared once.
		let local = InProcess::new().expect("wasmtime");
		let prepared = local.executor.prepare(&code.0, &local.chain).expect("prepares");
		let encoded = params.encode();
		let mut samples = Vec::new();
		for _ in 0..RUNS {
			let start = Instant::now();
			local
				.executor
				.execute(&prepared, &encoded, local.execute_timeout, &local.chain)
				.expect("valid");
			samples.push(start.elapsed());
		}
		let (median, min) = stats(samples);
		println!(
			"| {name}: execute in-process (no worker) | {pov} B | {} | {} |",
			ms(median),
			ms(min)
		);
		let _ = local.run(&code, params).expect("valid");
	}
}
