#!/usr/bin/env python3
"""Copies an ONNX graph with its inputs' symbolic dimensions fixed (batch B, length L), so that ONNX Runtime can fold
the shape computations and place every node on the CUDA provider, as a CUDA graph needs (BoundRun.java -Dgraph=true).

Usage: python3 static-dims.py IN.onnx OUT.onnx B L
"""
import sys

import onnx


def main(src: str, dst: str, batch: int, length: int) -> None:
    model = onnx.load(src)
    for inp in model.graph.input:
        dims = inp.type.tensor_type.shape.dim
        for i, d in enumerate(dims):
            if not d.HasField("dim_value"):
                d.Clear()
                d.dim_value = batch if i == 0 and len(dims) > 1 else length
    onnx.save(model, dst)
    print(dst, [[d.dim_value for d in i.type.tensor_type.shape.dim] for i in model.graph.input])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
