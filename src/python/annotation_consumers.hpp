#pragma once
/// The libraries that evaluate annotations at run time, as one data table:
/// under `from __future__ import annotations` an annotation is a string
/// nothing reads, unless one of these reads it (pydantic builds validators
/// from a model's field annotations when the class is created; FastAPI and
/// typer read a handler's signature when the decorator runs). Users extend
/// the table with `annotation-consumers` in `[tool.lmms]`.

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lmms::python {

/// Where a consumer is written, and what it reads.
enum class ConsumerRole : uint8_t {
    definition,  ///< a class base or decorator (the class body's annotations), a function
                 ///< decorator (its parameter and return annotations)
    annotation,  ///< the head of a class-level annotation (`x: Mapped[int]`): that annotation
    call,        ///< a call anywhere in the file (`get_type_hints(obj)`): every annotation of the file
};

struct AnnotationConsumer {
    std::string_view name;  ///< qualified ("pydantic.BaseModel"), or "*.attr": that method of any object
    ConsumerRole role;
    std::string_view why;  ///< what reads the annotations
};

/// The built-in table, sorted by name.
std::span<const AnnotationConsumer> builtin_annotation_consumers();

/// Whether `entry` can be a consumer's name: dotted identifiers, the first
/// possibly `*` ("mylib.Model", "*.handler").
bool valid_consumer_name(std::string_view entry);

/// The built-in table plus a project's own entries (role `definition`).
class AnnotationConsumers {
public:
    AnnotationConsumers() = default;
    explicit AnnotationConsumers(std::vector<std::string> extra) : m_extra(std::move(extra)) {}

    /// Whether `qualified` (the written dotted name with its head resolved
    /// through the file's imports: "pydantic.BaseModel" for `BaseModel`
    /// after `from pydantic import BaseModel`) is a consumer in `role`.
    bool matches(ConsumerRole role, std::string_view qualified) const;

    /// Whether a call whose callee's last name is `last` may be a `call`
    /// consumer: a cheap test before the callee is resolved.
    static bool may_be_call(std::string_view last);

    /// The built-in table alone.
    static const AnnotationConsumers& builtin();

private:
    std::vector<std::string> m_extra;
};

}  // namespace lmms::python
