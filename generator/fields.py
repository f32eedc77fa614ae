"""The field types records share (data/ strings, codes, ids, URLs) and the strict base model."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from .written import AsWritten, AsWrittenCode

LocalGovCode = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9]{6}$"),
    AsWrittenCode,
    Field(description="6桁の全国地方公共団体コード（検査数字付き）。例: 142182（綾瀬市）"),
]
PrefectureCode = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9]{2}$"),
    AsWrittenCode,
    Field(description="2桁の都道府県コード（00 = 全国）"),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000, strip_whitespace=True), AsWritten]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True), AsWritten]
Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$"),
    AsWrittenCode,
    Field(description="英小文字・数字・-・_ の識別子"),
]
Month = Annotated[str, StringConstraints(pattern=r"^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$"), AsWrittenCode]


def _safe_url(value: str) -> str:
    if not re.match(r"^https://[^\s/$.?#].[^\s]*$", value):
        raise ValueError("URL は https:// で始まる必要があります")
    return value


SafeUrl = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_safe_url)]


def _https_url(value: str) -> str:
    if not re.match(r"^https://[^\s/$.?#].[^\s]*$", value):
        raise ValueError("資料の URL は https:// で始まる必要があります")
    return value


HttpsUrl = Annotated[str, StringConstraints(max_length=2000), AfterValidator(_https_url)]

# Vocabulary ids the generator treats differently; their labels live in data/vocabularies.yaml.
FacilityKind = Literal["integrated-facility", "furusato-hello-work", "hello-work", "online-booth", "local-hello-work"]
LocationPrecision = Literal["municipality", "facility"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False)
