#include "python/annotation_consumers.hpp"

#include <algorithm>
#include <array>

#include "python/expression_facts.hpp"

namespace lmms::python {

namespace {

using enum ConsumerRole;

// Sorted by name (a unit test checks it).
constexpr std::array k_builtin = {
    AnnotationConsumer{"*.api_route", definition, "FastAPI reads the route handler's signature"},
    AnnotationConsumer{"*.callback", definition, "typer reads the callback's signature"},
    AnnotationConsumer{"*.command", definition, "typer (click-style) reads the command's signature"},
    AnnotationConsumer{"*.delete", definition, "FastAPI reads the route handler's signature"},
    AnnotationConsumer{"*.get", definition, "FastAPI reads the route handler's signature"},
    AnnotationConsumer{"*.head", definition, "FastAPI reads the route handler's signature"},
    AnnotationConsumer{"*.options", definition, "FastAPI reads the route handler's signature"},
    AnnotationConsumer{"*.patch", definition, "FastAPI reads the route handler's signature"},
    AnnotationConsumer{"*.post", definition, "FastAPI reads the route handler's signature"},
    AnnotationConsumer{"*.put", definition, "FastAPI reads the route handler's signature"},
    AnnotationConsumer{"*.register", definition, "singledispatch registers on the first annotation"},
    AnnotationConsumer{"*.websocket", definition, "FastAPI reads the route handler's signature"},
    AnnotationConsumer{"attr.attrs", definition, "attrs collects the class's annotated fields"},
    AnnotationConsumer{"attr.define", definition, "attrs collects the class's annotated fields"},
    AnnotationConsumer{"attr.frozen", definition, "attrs collects the class's annotated fields"},
    AnnotationConsumer{"attr.mutable", definition, "attrs collects the class's annotated fields"},
    AnnotationConsumer{"attr.s", definition, "attrs collects the class's annotated fields"},
    AnnotationConsumer{"attrs.define", definition, "attrs collects the class's annotated fields"},
    AnnotationConsumer{"attrs.frozen", definition, "attrs collects the class's annotated fields"},
    AnnotationConsumer{"attrs.mutable", definition, "attrs collects the class's annotated fields"},
    AnnotationConsumer{"dataclasses.dataclass", definition, "dataclass reads ClassVar and InitVar fields"},
    AnnotationConsumer{"functools.singledispatch", definition, "singledispatch registers on annotations"},
    AnnotationConsumer{"functools.singledispatchmethod", definition,
                       "singledispatch registers on annotations"},
    AnnotationConsumer{"inspect.get_annotations", call, "get_annotations(eval_str=True) evaluates them"},
    AnnotationConsumer{"pydantic.BaseModel", definition, "pydantic builds validators from field annotations"},
    AnnotationConsumer{"pydantic.BaseSettings", definition,
                       "pydantic builds validators from field annotations"},
    AnnotationConsumer{"pydantic.dataclasses.dataclass", definition, "pydantic validates the fields"},
    AnnotationConsumer{"pydantic.validate_arguments", definition, "pydantic validates the arguments"},
    AnnotationConsumer{"pydantic.validate_call", definition, "pydantic validates the arguments"},
    AnnotationConsumer{"pydantic_settings.BaseSettings", definition, "pydantic builds validators"},
    AnnotationConsumer{"sqlalchemy.orm.DeclarativeBase", definition, "SQLAlchemy maps annotated columns"},
    AnnotationConsumer{"sqlalchemy.orm.DeclarativeBaseNoMeta", definition,
                       "SQLAlchemy maps annotated columns"},
    AnnotationConsumer{"sqlalchemy.orm.Mapped", annotation, "SQLAlchemy evaluates Mapped[...] annotations"},
    AnnotationConsumer{"sqlalchemy.orm.MappedAsDataclass", definition, "SQLAlchemy maps annotated columns"},
    AnnotationConsumer{"sqlalchemy.orm.declarative_base", definition, "SQLAlchemy maps annotated columns"},
    AnnotationConsumer{"sqlmodel.SQLModel", definition, "SQLModel builds columns from field annotations"},
    AnnotationConsumer{"typing.NamedTuple", definition, "NamedTuple reads the field annotations"},
    AnnotationConsumer{"typing.TypedDict", definition, "TypedDict reads the field annotations"},
    AnnotationConsumer{"typing.get_type_hints", call, "get_type_hints evaluates annotations"},
    AnnotationConsumer{"typing_extensions.NamedTuple", definition, "NamedTuple reads the field annotations"},
    AnnotationConsumer{"typing_extensions.TypedDict", definition, "TypedDict reads the field annotations"},
    AnnotationConsumer{"typing_extensions.get_type_hints", call, "get_type_hints evaluates annotations"},
};

/// "*.get" matches any dotted name ending in `.get`; anything else, itself.
bool name_matches(std::string_view entry, std::string_view qualified) {
    if (entry.starts_with("*.")) {
        std::string_view attribute = entry.substr(1);  // ".get"
        return qualified.size() > attribute.size() && qualified.ends_with(attribute);
    }
    return entry == qualified;
}

}  // namespace

std::span<const AnnotationConsumer> builtin_annotation_consumers() {
    return k_builtin;
}

bool valid_consumer_name(std::string_view entry) {
    size_t start = 0;
    for (size_t part = 0;; ++part) {
        size_t dot = entry.find('.', start);
        std::string_view piece = entry.substr(start, dot == std::string_view::npos ? dot : dot - start);
        if (!(is_identifier(piece) || (part == 0 && piece == "*" && dot != std::string_view::npos)))
            return false;
        if (dot == std::string_view::npos)
            return true;
        start = dot + 1;
    }
}

bool AnnotationConsumers::matches(ConsumerRole role, std::string_view qualified) const {
    if (qualified.empty())
        return false;
    bool builtin = std::any_of(k_builtin.begin(), k_builtin.end(), [&](const AnnotationConsumer& consumer) {
        return consumer.role == role && name_matches(consumer.name, qualified);
    });
    return builtin || (role == definition && std::any_of(m_extra.begin(), m_extra.end(), [&](const auto& e) {
                           return name_matches(e, qualified);
                       }));
}

bool AnnotationConsumers::may_be_call(std::string_view last) {
    if (last.empty())
        return false;
    return std::any_of(k_builtin.begin(), k_builtin.end(), [&](const AnnotationConsumer& consumer) {
        std::string_view name = consumer.name;
        return consumer.role == call && name.ends_with(last) && name[name.size() - last.size() - 1] == '.';
    });
}

const AnnotationConsumers& AnnotationConsumers::builtin() {
    static const AnnotationConsumers table;
    return table;
}

}  // namespace lmms::python
