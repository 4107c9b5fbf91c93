"""The outputs besides the pages: downloads, the PDFs, the offline copy, frozen editions."""
