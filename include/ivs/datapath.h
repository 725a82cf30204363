/* Where the data files, the user's dictionary and the database are: the
 * same rules for both programs. Implemented in indexer/base/datapath.c. */
#ifndef IVS_DATAPATH_H
#define IVS_DATAPATH_H

/* ---- data files ------------------------------------------------------ */

/* Path of the data file NAME (e.g. "topics.txt", "ivs.dict"): the first
 * that exists of $IVSEARCH_DATA_DIR/NAME, <exe dir>/data/NAME (build tree),
 * <exe dir>/../share/ivsearch/NAME and the install data dir. Returns a
 * malloc'd path (caller frees), or NULL when none exists. */
char *ivs_data_file(const char *name);

/* The user's plain-text dictionary: $IVSEARCH_USER_DICT, else
 * ${XDG_CONFIG_HOME:-$HOME/.config}/ivsearch/user.dict when it exists.
 * Malloc'd path or NULL. */
char *ivs_user_dict_file(void);

/* The database path, the same rule for both programs: FLAG (--db) when
 * non-NULL, else $IVSEARCH_DB when set and non-empty, else
 * $XDG_DATA_HOME/ivsearch/db when XDG_DATA_HOME is an absolute path (a
 * relative one is ignored, as the XDG spec says), else
 * $HOME/.local/share/ivsearch/db when HOME is an absolute path. Returns a
 * malloc'd path (caller frees) and, when WHY is non-NULL, sets *WHY to
 * where it came from: "--db", "$IVSEARCH_DB", "$XDG_DATA_HOME", "$HOME"
 * or "$HOME; $XDG_DATA_HOME is ignored: not an absolute path".
 * Returns NULL when there is no usable path (an empty FLAG; HOME unset or
 * relative with no other source) or when out of memory; *WHY is then a
 * static one-line reason saying what to do. */
char *ivs_default_db(const char *flag, const char **why);

#endif
