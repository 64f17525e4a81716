#pragma once

namespace cardiolens::inference {

/// Makes OpenMP threads sleep instead of spin while waiting (OMP_WAIT_POLICY=PASSIVE).
/// libtorch's intra-op threads are OpenMP threads, and libgomp's default spinning makes
/// small-batch inference 5-10x slower whenever the cores are shared (measured with
/// `bench inference` on a loaded 2-core machine). libgomp reads the variable once, when it
/// loads, which for executables linking ITK is before main(); so when it is unset this sets
/// it and re-executes the program (/proc/self/exe, same arguments). Call first in main().
/// Does nothing when the variable is already set or re-execution fails.
void ensurePassiveOpenMp(char** argv);

} // namespace cardiolens::inference
