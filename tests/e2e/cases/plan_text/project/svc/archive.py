"""Rare: pack files into a tar and a zip archive."""
import tarfile
import zipfile


def pack(files):
    import io

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, text in sorted(files.items()):
            data = text.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    with zipfile.ZipFile(io.BytesIO(), "w") as archive:
        for name, text in sorted(files.items()):
            archive.writestr(name, text)
    return len(buffer.getvalue())
