use kartrekker_web::testing::fresh_db;

use crate::common::Backend;

#[tokio::test]
async fn both_migration_folders_make_the_same_tables_and_columns() {
    let (sqlite, _) = fresh_db(Backend::Sqlite).await;
    let (postgres, _) = fresh_db(Backend::Postgres).await;
    let (a, b) = (sqlite.schema().await.unwrap(), postgres.schema().await.unwrap());
    assert!(a.iter().any(|(t, _)| t == "people"), "{a:?}");
    assert_eq!(a, b);
    // Migrating again is a no-op.
    assert!(sqlite.migrate().await.unwrap().is_empty());
    assert!(postgres.migrate().await.unwrap().is_empty());
}
