"""Zip files (Word documents, workbooks) with one part padded to unpack to far more than the file's size."""
import io
import zipfile


def padded_zip(data: bytes, target: str, size: int, filler: bytes, closing: bytes = b"",
               rename=lambda name: name, edit=lambda name, body: body) -> bytes:
    """The zip file ``data`` with its part ``target`` (named after ``rename``) holding ``size`` more bytes of
    ``filler`` before ``closing`` (or at its end without one), deflated to a few hundred KB at most. ``rename``
    gives each part its name in the new file, ``edit`` its content."""
    source, buffer = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as padded:
        for part in source.infolist():
            name = rename(part.filename)
            body = edit(name, source.read(part.filename))
            if name != target:
                padded.writestr(name if name != part.filename else part, body)
                continue
            head, tail = body.split(closing) if closing else (body, b"")
            with padded.open(name, "w", force_zip64=True) as stream:
                stream.write(head)
                for _ in range(size // len(filler) + 1):
                    stream.write(filler)
                stream.write(closing + tail)
    return buffer.getvalue()
