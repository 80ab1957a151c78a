"""Electronic seals (电子印章) the documents are stamped with; managed on /admin/seals."""

from ecoplan.app.core.manifest import AuditLabels, Manifest

MANIFEST = Manifest(
    name="seals",
    audit=AuditLabels(
        actions={"seal.uploaded": "上传电子印章", "seal.replaced": "替换电子印章",
                 "seal.removed": "删除电子印章"},
        objects={"issuer_seal": "电子印章"},
        fields={"issuer": "发文机关", "size_mm": "印章尺寸（毫米）", "pixels": "像素（宽×高）",
                "bytes": "文件大小（字节）", "sha256": "文件校验值（SHA-256）"}),
)
