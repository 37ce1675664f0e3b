#!/usr/bin/env python3
"""Device memory that the CUDA libraries ONNX Runtime's CUDA provider uses take on their first use, step by step.

Each CUDA thread that runs an ONNX Runtime CUDA session gets a cuBLAS, a cuBLASLt and a cuDNN handle on its first run;
this repeats those steps one at a time through ctypes (no ONNX Runtime, no PyTorch) and prints the process's used
device memory (nvidia-smi) after each, to attribute the ~1.7 GB the first BERT runs add (BENCHMARKS.md, session 6).

Usage (GPU machine, kit staged): source /root/kit/env.sh; python3 cuda-libs-memory.py
"""
import ctypes
import os
import subprocess
import sys
import time


def used_mib():
    out = subprocess.run(["nvidia-smi", "--query-compute-apps=pid,used_memory", "--format=csv,noheader,nounits"],
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        pid, mib = [x.strip() for x in line.split(",")]
        if int(pid) == os.getpid():
            return int(mib)
    return 0


last = 0


def step(name):
    global last
    time.sleep(0.3)   # nvidia-smi's figure settles
    now = used_mib()
    print(f"{name:<48} {now:>7} MiB  (+{now - last})", flush=True)
    last = now


def check(rc, what):
    if rc != 0:
        sys.exit(f"{what} returned {rc}")


cudart = ctypes.CDLL("libcudart.so.12")
check(cudart.cudaSetDevice(0), "cudaSetDevice")
check(cudart.cudaFree(ctypes.c_void_p(0)), "cudaFree(0)")
step("CUDA context (cudaFree(0))")

n = 1024
bufs = []
for _ in range(3):
    p = ctypes.c_void_p()
    check(cudart.cudaMalloc(ctypes.byref(p), ctypes.c_size_t(n * n * 4)), "cudaMalloc")
    bufs.append(p)
step("3 buffers of 4 MiB")

cublas = ctypes.CDLL("libcublas.so.12")
h = ctypes.c_void_p()
check(cublas.cublasCreate_v2(ctypes.byref(h)), "cublasCreate")
step("cublasCreate")

alpha, beta = ctypes.c_float(1.0), ctypes.c_float(0.0)
check(cublas.cublasSgemm_v2(h, 0, 0, n, n, n, ctypes.byref(alpha), bufs[0], n, bufs[1], n, ctypes.byref(beta),
                            bufs[2], n), "cublasSgemm")
check(cudart.cudaDeviceSynchronize(), "sync")
step("first cublasSgemm (1024^3)")

# CUDA_R_16F = 2, CUBLAS_COMPUTE_32F = 68, CUBLAS_GEMM_DEFAULT_TENSOR_OP = 99
check(cublas.cublasGemmEx(h, 0, 0, n, n, n, ctypes.byref(alpha), bufs[0], 2, n, bufs[1], 2, n, ctypes.byref(beta),
                          bufs[2], 2, n, 68, 99), "cublasGemmEx fp16")
check(cudart.cudaDeviceSynchronize(), "sync")
step("first cublasGemmEx (fp16, tensor ops)")

lt = ctypes.CDLL("libcublasLt.so.12")
hl = ctypes.c_void_p()
check(lt.cublasLtCreate(ctypes.byref(hl)), "cublasLtCreate")
step("cublasLtCreate")

cudnn = ctypes.CDLL("libcudnn.so.9")
hd = ctypes.c_void_p()
check(cudnn.cudnnCreate(ctypes.byref(hd)), "cudnnCreate")
step("cudnnCreate")

h2 = ctypes.c_void_p()
check(cublas.cublasCreate_v2(ctypes.byref(h2)), "cublasCreate")
hd2 = ctypes.c_void_p()
check(cudnn.cudnnCreate(ctypes.byref(hd2)), "cudnnCreate")
step("a second thread's worth: cublasCreate + cudnnCreate")
