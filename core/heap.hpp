// Memory made ready for a command about to hold many rows (list, due, the reports at tens of
// thousands of cases): fewer, larger page faults.
#pragma once
#include <cstddef>

namespace casectl {

// Grows the heap by about `bytes` at once, and an arena for each core's thread to come, and asks
// the kernel for huge pages there (2 MiB a fault instead of 4 KiB); what is freed later is kept
// for reuse. Each first touch of a page is a fault, and in a virtual machine a fault can cost
// 20-40 µs: at 100,000 cases list's aligned table touched 35,000 pages. Does nothing below 8 MiB
// (about 20,000 cases); errors are ignored (the memory is then as before). Call it before the
// command starts threads of its own.
void prepare_heap(std::size_t bytes);

}  // namespace casectl
