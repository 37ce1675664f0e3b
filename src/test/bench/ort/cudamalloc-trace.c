// LD_PRELOAD shim for the GPU machine: logs every cudaMalloc / cudaMallocAsync / cuMemAlloc_v2 of at least
// TRACE_MIN bytes (default 1 MiB) that a library resolves dynamically, with its size, the running total and the
// library of the caller, to stderr. Libraries with a statically linked CUDA runtime (cuBLAS, cuDNN) are not seen.
// Build: gcc -shared -fPIC -O2 -o cudamalloc-trace.so cudamalloc-trace.c -ldl
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

static atomic_ulong total;

// the CUDA libraries are opened by ONNX Runtime after this one (RTLD_NEXT does not see them): open them by name
static void *find(const char *lib, const char *fn) {
    void *f = dlsym(RTLD_NEXT, fn);
    if (!f) {
        void *h = dlopen(lib, RTLD_LAZY);
        f = h ? dlsym(h, fn) : NULL;
    }
    if (!f) {
        fprintf(stderr, "[cudamalloc] %s not found in %s\n", fn, lib);
        abort();
    }
    return f;
}

static const char *caller(void *ret) {
    Dl_info info;
    return dladdr(ret, &info) && info.dli_fname ? info.dli_fname : "?";
}

static void note(const char *fn, size_t size, int rc, void *ret) {
    static size_t min = 0;
    if (min == 0) {
        const char *m = getenv("TRACE_MIN");
        min = m ? strtoul(m, NULL, 10) : (1 << 20);
    }
    if (rc == 0) {
        atomic_fetch_add(&total, size);
    }
    if (size >= min) {
        fprintf(stderr, "[cudamalloc] %s %zu MiB rc=%d total %lu MiB from %s\n", fn, size >> 20, rc,
                atomic_load(&total) >> 20, caller(ret));
    }
}

int cudaMalloc(void **p, size_t size) {
    static int (*real)(void **, size_t);
    if (!real) real = find("libcudart.so.12", "cudaMalloc");
    int rc = real(p, size);
    note("cudaMalloc", size, rc, __builtin_return_address(0));
    return rc;
}

int cudaMallocAsync(void **p, size_t size, void *stream) {
    static int (*real)(void **, size_t, void *);
    if (!real) real = find("libcudart.so.12", "cudaMallocAsync");
    int rc = real(p, size, stream);
    note("cudaMallocAsync", size, rc, __builtin_return_address(0));
    return rc;
}

int cuMemAlloc_v2(unsigned long long *p, size_t size) {
    static int (*real)(unsigned long long *, size_t);
    if (!real) real = find("libcuda.so.1", "cuMemAlloc_v2");
    int rc = real(p, size);
    note("cuMemAlloc_v2", size, rc, __builtin_return_address(0));
    return rc;
}
