"""The SQL schema of the catalogue: a SQLAlchemy declarative model, for `stockroom db`."""
from sqlalchemy import Column, Integer, String, create_engine
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Item(Base):
    __tablename__ = "items"

    sku = Column(String(12), primary_key=True)
    name = Column(String(80), nullable=False)
    category = Column(String(20), nullable=False, index=True)
    quantity = Column(Integer, nullable=False)
    unit_pence = Column(Integer, nullable=False)
    location = Column(String(8), nullable=False)

    def __repr__(self):
        return f"<Item {self.sku} x{self.quantity}>"


def make_engine():
    """An in-memory database holding the schema."""
    engine = create_engine("sqlite://", future=True)
    Base.metadata.create_all(engine)
    return engine
