/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pilote-reports-view-private.h"

/*
 * Printing the summary through the GTK print dialog (with its preview), and
 * exporting it as a PDF file: the pages the preview shows, drawn by the same
 * code as pilote-cli report. The print settings and the page setup chosen
 * last are kept in the user's configuration folder for the next time.
 */

#define PRINT_GROUP "Print Settings"
#define PAGE_SETUP_GROUP "Page Setup"

static char *
get_print_settings_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "pilote", "print.ini", NULL);
}

static void
load_print_settings (GtkPrintOperation *operation,
                     PilotePaper        paper)
{
  g_autofree char *path = get_print_settings_path ();
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GtkPageSetup) page_setup = NULL;

  if (g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
    {
      settings = gtk_print_settings_new_from_key_file (file, PRINT_GROUP, NULL);
      page_setup = gtk_page_setup_new_from_key_file (file, PAGE_SETUP_GROUP, NULL);
    }
  if (page_setup == NULL)
    {
      g_autoptr(GtkPaperSize) size =
        gtk_paper_size_new (paper == PILOTE_PAPER_LETTER ? GTK_PAPER_NAME_LETTER
                                                         : GTK_PAPER_NAME_A4);

      page_setup = gtk_page_setup_new ();
      gtk_page_setup_set_paper_size_and_default_margins (page_setup, size);
      gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_PORTRAIT);
    }
  if (settings != NULL)
    gtk_print_operation_set_print_settings (operation, settings);
  gtk_print_operation_set_default_page_setup (operation, page_setup);
}

static void
save_print_settings (GtkPrintOperation *operation)
{
  g_autofree char *path = get_print_settings_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  GtkPageSetup *page_setup = gtk_print_operation_get_default_page_setup (operation);

  if (settings == NULL)
    return;
  gtk_print_settings_to_key_file (settings, file, PRINT_GROUP);
  if (page_setup != NULL)
    {
      /* the paper and orientation chosen in the dialog live in the settings */
      g_autoptr(GtkPageSetup) chosen = gtk_page_setup_copy (page_setup);
      GtkPaperSize *size = gtk_print_settings_get_paper_size (settings);

      if (size != NULL)
        {
          gtk_page_setup_set_paper_size (chosen, size);
          gtk_paper_size_free (size);
        }
      gtk_page_setup_set_orientation (chosen, gtk_print_settings_get_orientation (settings));
      gtk_page_setup_to_key_file (chosen, file, PAGE_SETUP_GROUP);
    }
  if (g_mkdir_with_parents (folder, 0700) != 0 ||
      !g_key_file_save_to_file (file, path, &error))
    g_debug ("The print settings could not be kept: %s",
             error != NULL ? error->message : g_strerror (errno));
}

/* Each page scaled to fit the paper chosen, centred */
static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PiloteReport      *report)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  double page_width = pilote_report_get_page_width (report);
  double page_height = pilote_report_get_page_height (report);
  double scale = MIN (width / page_width, height / page_height);

  cairo_save (cr);
  cairo_translate (cr, (width - page_width * scale) / 2, (height - page_height * scale) / 2);
  cairo_scale (cr, scale, scale);
  pilote_report_draw_page (report, cr, page);
  cairo_restore (cr);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               PiloteReportsView       *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog;

      gtk_print_operation_get_error (operation, &error);
      dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       _("The Summary Could Not Be Printed"),
                                       error != NULL ? error->message : NULL);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    save_print_settings (operation);
}

void
pilote_reports_view_print_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  PiloteReportsView *self = PILOTE_REPORTS_VIEW (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *job_name = NULL;
  g_autofree char *described = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkPrintOperationResult result;

  if (self->report == NULL)
    return;
  pilote_reports_view_save_comment (self);
  described = pilote_reports_view_describe (self);
  /* Translators: the name of the print job; %s is the month and scope */
  job_name = g_strdup_printf (_("Performance summary, %s"), described);

  operation = gtk_print_operation_new ();
  load_print_settings (operation, pilote_paper_from_locale ());
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_n_pages (operation, pilote_report_get_n_pages (self->report));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  /* the operation keeps its pages for as long as it runs, even if the view
   * shows another month meanwhile */
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb),
                         pilote_report_ref (self->report),
                         (GClosureNotify) (void (*) (void)) pilote_report_free, 0);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                        : NULL,
                                                  _("The Summary Could Not Be Printed"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/**
 * pilote_reports_view_export_pdf:
 * @path: the PDF file to write
 *
 * Writes the pages shown as a PDF file, the same pages as `pilote-cli
 * report` for the same month and scope.
 *
 * Returns: whether the file was written (%FALSE while computing, or on error)
 */
gboolean
pilote_reports_view_export_pdf (PiloteReportsView  *self,
                                const char         *path,
                                GError            **error)
{
  g_return_val_if_fail (PILOTE_IS_REPORTS_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->report == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                   _("The summary is still being prepared: try again in a moment."));
      return FALSE;
    }
  return pilote_report_write_pdf (self->report, path, error);
}

static void
open_pdf_cb (AdwToast *toast,
             GtkWidget *widget)
{
  const char *uri = g_object_get_data (G_OBJECT (toast), "uri");
  GtkRoot *root = gtk_widget_get_root (widget);

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
export_response_cb (GtkNativeDialog   *chooser,
                    int                response,
                    PiloteReportsView *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  if (!pilote_reports_view_export_pdf (self, path, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                        : NULL,
                                                  _("The PDF File Could Not Be Written"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  {
    GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
    g_autofree char *name = g_file_get_basename (file);
    /* Translators: %s is a file name */
    g_autofree char *message = g_strdup_printf (_("Saved “%s”"), name);
    AdwToast *toast = adw_toast_new (message);

    adw_toast_set_button_label (toast, _("_Open"));
    g_object_set_data_full (G_OBJECT (toast), "uri", g_file_get_uri (file), g_free);
    g_signal_connect_object (toast, "button-clicked", G_CALLBACK (open_pdf_cb), self, 0);
    if (overlay != NULL)
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    else
      g_object_unref (toast);
  }
}

void
pilote_reports_view_export_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  PiloteReportsView *self = PILOTE_REPORTS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *described = pilote_reports_view_describe (self);
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  pilote_reports_view_save_comment (self);
  /* file names keep to what every file system accepts */
  g_strdelimit (described, "/\\:*?\"<>|", '-');
  /* Translators: the name proposed for the PDF file; %s is the month and scope */
  name = g_strdup_printf (_("Performance summary, %s.pdf"), described);

  chooser = gtk_file_chooser_native_new (_("Export the Summary as PDF"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
