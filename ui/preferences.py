"""Names of this laptop's preferences in QSettings (never case data: those live encrypted)."""

BACKUP_FOLDER_KEY = "backup/folder"
