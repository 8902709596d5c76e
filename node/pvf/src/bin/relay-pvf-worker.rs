//! The PVF worker process on its own, for this crate's tests and benchmarks (the node runs the
//! same loop as `relay-node pvf-worker`).

fn main() -> std::io::Result<()> {
	relay_pvf::worker::run()
}
