-- A second table access method (stock PostgreSQL's heap handler under another name): pgshift models a
-- table's USING but does not create access methods, so every database of the case gets it first.
CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;
