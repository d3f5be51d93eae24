def test_pages(studio):
    for path in ["/", "/t/public/users", "/t/public/posts?page=3", "/t/public/posts?sort=views&dir=desc", "/t/public/users/row?k.id=2",
                 "/schema", "/schema/public/posts", "/migrations", "/sql", "/api/t/public/posts/rows?page=5&size=10",
                 "/t/public/audit_log", "/t/public/post_tags?page=2&size=10", "/t/public/posts?fc=views&fo=gt&fv=500"]:
        r = studio.get(path)
        assert r.status_code == 200, (path, r.text[:2000])
