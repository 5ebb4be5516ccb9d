"""Real files for tests and benchmarks, made without Django (the benchmarks' load
clients import this in a process that never sets Django up)."""

import io

import pikepdf


def make_pdf(text: str, author: str = "") -> bytes:
    """A real one-page PDF whose page shows ``text`` (uncompressed, so a test can look
    for it in the bytes) and, if given, an author in its document information."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 100))
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )
    page = pdf.pages[0]
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    page.Contents = pdf.make_stream(f"BT /F1 8 Tf 10 50 Td ({escaped}) Tj ET".encode("latin-1"))
    if author:
        with pdf.open_metadata() as xmp:
            xmp["dc:creator"] = [author]
        pdf.docinfo["/Author"] = author
    out = io.BytesIO()
    pdf.save(out, compress_streams=False)
    return out.getvalue()
