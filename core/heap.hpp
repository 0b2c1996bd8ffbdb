// Memory made ready for a command about to hold many rows (list, due, the reports at tens of
// thousands of cases): fewer, larger page faults.
#pragma once
#include <cstddef>

namespace casectl {

// Grows the heap by about `bytes` at once (at most 512 MiB), and an arena for each core's thread
// to come (a share each, at most 60 MiB, at most 8 of them), and asks the kernel for huge pages
// there (2 MiB a fault instead of 4 KiB); what is freed later is kept for reuse. Each first touch
// of a page is a fault, and in a virtual machine a fault can cost 20-40 µs: at 100,000 cases
// list's aligned table touched 35,000 pages. Does nothing below 8 MiB (about 20,000 cases) and
// in an ASan build; errors are ignored (the memory is then as before). Where the kernel's THP
// defrag setting makes advised faults compact memory, a fragmented machine pays for that
// instead. Call it before the process's first parallel_for(): its helper threads, started then,
// keep the arena they first allocate in for the life of the process.
void prepare_heap(std::size_t bytes);

// Whether prepare_heap() does anything in this build: not under AddressSanitizer, whose
// allocator has no glibc arenas.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kHeapPrepared = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kHeapPrepared = false;
#else
inline constexpr bool kHeapPrepared = true;
#endif
#else
inline constexpr bool kHeapPrepared = true;
#endif

}  // namespace casectl
