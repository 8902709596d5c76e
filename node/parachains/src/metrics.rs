//! Prometheus metrics of the parachain protocols (prefix `relay_parachain_`): what a validator
//! operator watches to see collations arrive, get checked and backed, and a collator's progress.

use crate::collator::Stats;
use substrate_prometheus_endpoint::{
	register, Counter, CounterVec, Histogram, HistogramOpts, Opts, PrometheusError, Registry, U64,
};

/// Buckets of the PVF and fetch time histograms, in seconds.
const TIME_BUCKETS: &[f64] =
	&[0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0];

/// The metrics (cheap to clone: they share their values).
#[derive(Clone)]
pub struct Metrics {
	collations_fetched: CounterVec<U64>,
	fetch_seconds: Histogram,
	candidates_validated: CounterVec<U64>,
	pvf_seconds: Histogram,
	candidates_backed: Counter<U64>,
	collator: CounterVec<U64>,
}

impl Metrics {
	/// Registers the metrics.
	pub fn register(registry: &Registry) -> Result<Self, PrometheusError> {
		Ok(Self {
			collations_fetched: register(
				CounterVec::new(
					Opts::new(
						"relay_parachain_collations_fetched_total",
						"Collation fetches by a validator, by outcome",
					),
					&["outcome"],
				)?,
				registry,
			)?,
			fetch_seconds: register(
				Histogram::with_opts(
					HistogramOpts::new(
						"relay_parachain_collation_fetch_seconds",
						"Time to fetch a collation from its collator",
					)
					.buckets(TIME_BUCKETS.to_vec()),
				)?,
				registry,
			)?,
			candidates_validated: register(
				CounterVec::new(
					Opts::new(
						"relay_parachain_candidates_validated_total",
						"Candidates checked (PVF run included), by result",
					),
					&["result"],
				)?,
				registry,
			)?,
			pvf_seconds: register(
				Histogram::with_opts(
					HistogramOpts::new(
						"relay_parachain_pvf_execution_seconds",
						"Time to check a candidate, the PVF execution included",
					)
					.buckets(TIME_BUCKETS.to_vec()),
				)?,
				registry,
			)?,
			candidates_backed: register(
				Counter::new(
					"relay_parachain_candidates_backed_total",
					"Candidates this validator saw reach the backing threshold",
				)?,
				registry,
			)?,
			collator: register(
				CounterVec::new(
					Opts::new(
						"relay_parachain_collator_total",
						"A collator's progress: collations built, advertised, seconded, included; bids",
					),
					&["event"],
				)?,
				registry,
			)?,
		})
	}

	pub(crate) fn fetch_started(&self) {
		self.collations_fetched.with_label_values(&["started"]).inc();
	}

	pub(crate) fn fetch_finished(&self, seconds: f64, ok: bool) {
		self.fetch_seconds.observe(seconds);
		let outcome = if ok { "received" } else { "failed" };
		self.collations_fetched.with_label_values(&[outcome]).inc();
	}

	pub(crate) fn validated(&self, seconds: f64, valid: bool) {
		self.pvf_seconds.observe(seconds);
		let result = if valid { "valid" } else { "invalid" };
		self.candidates_validated.with_label_values(&[result]).inc();
	}

	pub(crate) fn backed(&self) {
		self.candidates_backed.inc();
	}

	pub(crate) fn collator_progress(&self, before: &Stats, after: &Stats) {
		for (event, from, to) in [
			("built", before.built, after.built),
			("advertised", before.advertised, after.advertised),
			("seconded", before.seconded, after.seconded),
			("included", before.included, after.included),
			("bids", before.bids, after.bids),
		] {
			self.collator.with_label_values(&[event]).inc_by(to.saturating_sub(from));
		}
	}
}
