from typing import Any, BinaryIO

__version__: str

class HTML:
    def __init__(
        self,
        guess: Any = None,
        filename: str | None = None,
        url: str | None = None,
        file_obj: BinaryIO | None = None,
        string: str | None = None,
        encoding: str | None = None,
        base_url: str | None = None,
        url_fetcher: Any = None,
        media_type: str = "print",
    ) -> None: ...
    def write_pdf(self, target: Any = None, zoom: float = 1, **options: Any) -> bytes | None: ...
