#!/usr/bin/env python3
"""Writes a hostile copy of a TorchScript model for the hardening tests: the archive of
SOURCE with its top-level forward() rewritten, everything else (weights, submodules) kept.

  make_hostile_model.py SOURCE.pt TARGET.pt loop|huge|nan|cut

loop: the forward never returns; huge: it returns 2^31 floats (8 GB); nan: its output is
NaN; cut: the archive is cut short inside a weight tensor."""
import re
import sys
import zipfile

FORWARDS = {
    # Loops while the input's sum is above -1: for ever on the zeros of a test forward.
    "loop": "    _h = torch.sum(x)\n"
            "    while bool(torch.gt(_h, -1.0)):\n"
            "      _h = torch.add(_h, 0.0)\n",
    "huge": "    return torch.zeros([2147483648])\n",
    "nan": "    return torch.mul(_4, 0.0) / 0.0\n",
}


def main(source, target, mode):
    with zipfile.ZipFile(source) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    if mode == "cut":
        with open(source, "rb") as f:
            data = f.read()
        start = data.find(b"data/0") + 1000
        with open(target, "wb") as f:
            f.write(data[:start])
        return
    root = entries[0][0].filename.split("/")[0]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as out:
        for info, data in entries:
            name = info.filename
            if name == root + "/code/__torch__.py.debug_pkl":
                continue  # Source ranges of the original code.
            if name == root + "/code/__torch__.py":
                text = data.decode()
                body = FORWARDS[mode]
                if mode == "loop":
                    text = re.sub(r"(    x: Tensor\) -> Tensor:\n)", r"\1" + body, text, 1)
                else:
                    text = re.sub(r"    return _4\n", body, text, 1)
                data = text.encode()
            out.writestr(name, data)


if __name__ == "__main__":
    main(*sys.argv[1:4])
