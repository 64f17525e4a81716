"""Minimal NIfTI-1 reader (numpy only): enough for the nnU-Net exports Cardiolens writes."""
import gzip
import struct

import numpy as np

_DTYPES = {2: "u1", 4: "i2", 8: "i4", 16: "f4", 64: "f8", 256: "i1", 512: "u2", 768: "u4"}


def read(path):
    """Returns (array indexed [z, y, x] (or [t, z, y, x]), spacing (sx, sy, sz)). Refuses what it cannot read."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    if len(data) < 352:
        raise ValueError(f"{path}: too short for a NIfTI-1 file")
    endian = "<" if struct.unpack("<i", data[:4])[0] == 348 else ">"
    if struct.unpack(endian + "i", data[:4])[0] != 348:
        raise ValueError(f"{path}: not a NIfTI-1 header")
    dim = struct.unpack(endian + "8h", data[40:56])
    datatype = struct.unpack(endian + "h", data[70:72])[0]
    pixdim = struct.unpack(endian + "8f", data[76:108])
    vox_offset = int(struct.unpack(endian + "f", data[108:112])[0])
    slope, inter = struct.unpack(endian + "2f", data[112:120])
    if datatype not in _DTYPES:
        raise ValueError(f"{path}: NIfTI datatype {datatype} not supported")
    ndim = dim[0]
    if not 1 <= ndim <= 4 or any(d < 1 for d in dim[1:ndim + 1]):
        raise ValueError(f"{path}: bad dimensions {dim}")
    shape = tuple(reversed(dim[1:ndim + 1]))
    count = int(np.prod(shape))
    dt = np.dtype(endian + _DTYPES[datatype])
    if vox_offset + count * dt.itemsize > len(data):
        raise ValueError(f"{path}: holds fewer voxels than its header declares")
    arr = np.frombuffer(data, dtype=dt, count=count, offset=vox_offset).reshape(shape)
    if slope not in (0.0, 1.0) or inter != 0.0:
        arr = arr.astype(np.float32) * (slope if slope != 0.0 else 1.0) + inter
    while arr.ndim < 3:
        arr = arr[None]
    return arr, tuple(pixdim[1:4])
