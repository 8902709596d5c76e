//! Benchmarks (placeholder while the tests are written).
