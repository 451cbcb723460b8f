import pyarrow as pa

from tasks.embed.plan import ImageJob, TextJob, plan_images, plan_texts

V1, V2 = "enc@1", "enc@2"


def indexed_images(*rows):
    return pa.Table.from_pylist([dict(zip(["image_id", "sha256", "encoder_version", "path", "split"], r)) for r in rows])


def job(image_id, sha, path=None, split="train"):
    return ImageJob(image_id=image_id, split=split, path=path or f"/d/{image_id}", sha256=sha)


def test_first_run_embeds_everything():
    plan = plan_images([job("a", "1"), job("b", "2")], None, V1)
    assert [j.image_id for j in plan.to_embed] == ["a", "b"] and not plan.to_delete


def test_unchanged_images_are_left_alone_changed_bytes_re_embedded_and_missing_ones_deleted():
    indexed = indexed_images(("a", "1", V1, "/d/a", "train"), ("b", "2", V1, "/d/b", "train"),
                             ("gone", "3", V1, "/d/gone", "train"))
    plan = plan_images([job("a", "1"), job("b", "changed"), job("new", "4")], indexed, V1)
    assert [j.image_id for j in plan.to_embed] == ["b", "new"]
    assert plan.to_delete == ["gone"] and plan.n_unchanged == 1 and not plan.to_relocate


def test_another_encoder_re_embeds_everything():
    indexed = indexed_images(("a", "1", V1, "/d/a", "train"))
    assert [j.image_id for j in plan_images([job("a", "1")], indexed, V2).to_embed] == ["a"]


def test_a_moved_file_with_the_same_bytes_is_relocated_not_re_embedded():
    indexed = indexed_images(("a", "1", V1, "/old/a", "train"))
    plan = plan_images([job("a", "1", path="/new/a")], indexed, V1)
    assert not plan.to_embed and [j.path for j in plan.to_relocate] == ["/new/a"]


def test_texts_are_re_embedded_when_their_text_or_the_encoder_changes():
    indexed = pa.Table.from_pylist([
        {"query_id": "x#0", "text": "a dog", "encoder_version": V1, "image_id": "x", "split": "train"},
        {"query_id": "x#1", "text": "a cat", "encoder_version": V1, "image_id": "x", "split": "train"},
    ])
    wanted = [TextJob("x#0", "x", "a dog", "train"), TextJob("x#1", "x", "a black cat", "train")]
    plan = plan_texts(wanted, indexed, V1)
    assert [j.query_id for j in plan.to_embed] == ["x#1"] and plan.n_unchanged == 1
    assert len(plan_texts(wanted, indexed, V2).to_embed) == 2
    assert plan_texts(wanted[:1], indexed, V1).to_delete == ["x#1"]
