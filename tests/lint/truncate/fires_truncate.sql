-- expect: truncate
TRUNCATE TABLE orders, order_items;
