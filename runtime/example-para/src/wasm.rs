//! The WASM exports of the validation function (only in its own `wasm32` build, feature `pvf`):
//! `alloc(len) -> ptr`, `validate_block(ptr, len) -> packed result location`, and the module's
//! memory (exported by the linker). Nothing is imported: the allocator grows the module's own
//! memory, and a panic or an invalid block ends in `unreachable`, which is how a validation
//! function rejects a block.

use core::{
	alloc::{GlobalAlloc, Layout},
	arch::wasm32,
	cell::Cell,
};

/// WebAssembly's page size.
const PAGE: usize = 65_536;
/// Pages the allocator grows the memory by at least, so small allocations do not grow it each
/// time.
const MIN_GROWTH_PAGES: usize = 16;

/// A bump allocator over memory it grows itself. It never frees: the host runs one block per
/// fresh instance, so everything is released with the instance.
struct Bump {
	/// The next free byte.
	next: Cell<usize>,
	/// The end of the region the allocator owns.
	end: Cell<usize>,
}

// SAFETY: this WASM build has no threads, so the cells are never shared between threads.
unsafe impl Sync for Bump {}

#[global_allocator]
static ALLOCATOR: Bump = Bump { next: Cell::new(0), end: Cell::new(0) };

impl Bump {
	/// The aligned start of `layout` in the current region, if it fits.
	fn fit(&self, layout: Layout) -> Option<usize> {
		let start = self.next.get().checked_next_multiple_of(layout.align())?;
		let end = start.checked_add(layout.size())?;
		(end <= self.end.get()).then_some(start)
	}

	/// Grow the memory so that `layout` fits; `false` if the memory cannot grow.
	fn grow_for(&self, layout: Layout) -> bool {
		let Some(needed) = layout.size().checked_add(layout.align()) else { return false };
		let pages = needed.div_ceil(PAGE).max(MIN_GROWTH_PAGES);
		let previous = wasm32::memory_grow(0, pages);
		if previous == usize::MAX {
			return false;
		}
		let (Some(start), Some(end)) = (
			previous.checked_mul(PAGE),
			previous.checked_add(pages).and_then(|p| p.checked_mul(PAGE)),
		) else {
			return false;
		};
		// Nothing else grows the memory, so a new region continues the current one, except the
		// first time (the region then starts above whatever the module's data uses).
		if start != self.end.get() {
			self.next.set(start);
		}
		self.end.set(end);
		true
	}
}

unsafe impl GlobalAlloc for Bump {
	unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
		let start = match self.fit(layout) {
			Some(start) => start,
			None if self.grow_for(layout) => match self.fit(layout) {
				Some(start) => start,
				None => return core::ptr::null_mut(),
			},
			None => return core::ptr::null_mut(),
		};
		// `fit` checked that `start + size` does not overflow.
		self.next.set(start.wrapping_add(layout.size()));
		start as *mut u8
	}

	unsafe fn dealloc(&self, _ptr: *mut u8, _layout: Layout) {}
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
	wasm32::unreachable()
}

/// `alloc(len: i32) -> i32`: `len` bytes for the host to write the params into.
#[export_name = "alloc"]
pub extern "C" fn host_alloc(len: u32) -> u32 {
	let Ok(layout) = Layout::from_size_align(len as usize, 1) else { wasm32::unreachable() };
	// SAFETY: a valid layout; a null result (memory exhausted) traps below.
	let ptr = unsafe { ALLOCATOR.alloc(layout) };
	if ptr.is_null() {
		wasm32::unreachable()
	}
	ptr as u32
}

/// `validate_block(params_ptr: i32, params_len: i32) -> i64`: validates the block and returns
/// where its encoded `ValidationResult` is (pointer in the low 32 bits, length in the high), or
/// traps if the block is invalid.
#[no_mangle]
pub extern "C" fn validate_block(params_ptr: u32, params_len: u32) -> u64 {
	// SAFETY: the host wrote `params_len` bytes at `params_ptr`, in a region `alloc` returned.
	let params =
		unsafe { core::slice::from_raw_parts(params_ptr as *const u8, params_len as usize) };
	let Ok(result) = crate::abi::validate(params) else { wasm32::unreachable() };
	let (ptr, len) = (result.as_ptr() as u32, result.len() as u32);
	core::mem::forget(result);
	u64::from(ptr) | (u64::from(len) << 32)
}
