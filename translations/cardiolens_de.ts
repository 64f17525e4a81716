<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AppOptions</name>
    <message>
        <source>Cardiolens: ECG, cine MRI and echo workstation</source>
        <translation>Cardiolens: Arbeitsplatz für EKG, Cine-MRT und Echo</translation>
    </message>
    <message>
        <source>Render the window once everything is shown, write it to &lt;png&gt; and exit.</source>
        <translation>Das Fenster nach dem vollständigen Aufbau rendern, als &lt;png&gt; speichern und beenden.</translation>
    </message>
    <message>
        <source>User interface language (en, de).</source>
        <translation>Sprache der Benutzeroberfläche (en, de).</translation>
    </message>
    <message>
        <source>Open the bundled demo samples.</source>
        <translation>Die mitgelieferten Demo-Beispiele öffnen.</translation>
    </message>
    <message>
        <source>Print start-up timing to stderr.</source>
        <translation>Startzeiten auf stderr ausgeben.</translation>
    </message>
    <message>
        <source>Files to open.</source>
        <translation>Zu öffnende Dateien.</translation>
    </message>
</context>
<context>
    <name>cardiolens::app::AboutDialog</name>
    <message>
        <source>not built</source>
        <translation>nicht gebaut</translation>
    </message>
    <message>
        <source>Qt %1, VTK %2, ITK %3, libtorch %4</source>
        <translation>Qt %1, VTK %2, ITK %3, libtorch %4</translation>
    </message>
    <message>
        <source>About Cardiolens</source>
        <translation>Über Cardiolens</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Cardiolens %1&lt;/h2&gt;&lt;p&gt;A workstation for 12-lead ECG, Holter, cine MRI and echo data, with on-demand model inference and label editing for active learning.&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;&lt;p&gt;Licensed under the GNU General Public License, version 3 or later.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Cardiolens %1&lt;/h2&gt;&lt;p&gt;Ein Arbeitsplatz für 12-Kanal-EKG, Holter, Cine-MRT und Echo, mit Modell-Inferenz auf Abruf und Annotation für aktives Lernen.&lt;/p&gt;&lt;p&gt;%2&lt;/p&gt;&lt;p&gt;Lizenziert unter der GNU General Public License, Version 3 oder später.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>cardiolens::app::MainWindow</name>
    <message>
        <source>Cardiolens</source>
        <translation>Cardiolens</translation>
    </message>
    <message>
        <source>ECG</source>
        <translation>EKG</translation>
    </message>
    <message>
        <source>Imaging</source>
        <translation>Bildgebung</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;ECG workspace</source>
        <translation>&amp;EKG-Arbeitsbereich</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>&amp;Imaging workspace</source>
        <translation>&amp;Bildgebungs-Arbeitsbereich</translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Cardiolens</source>
        <translation>Ü&amp;ber Cardiolens</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Cardiac data (*.hea *.dat *.mat *.atr *.dcm);;WFDB records (*.hea);;DICOM (*.dcm);;All files (*)</source>
        <translation>Kardiologische Daten (*.hea *.dat *.mat *.atr *.dcm);;WFDB-Aufzeichnungen (*.hea);;DICOM (*.dcm);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>unrecognised file format</source>
        <translation>unbekanntes Dateiformat</translation>
    </message>
    <message>
        <source>DICOM ECG waveforms open once the ECG data core lands</source>
        <translation>DICOM-EKG-Kurven lassen sich öffnen, sobald der EKG-Datenkern verfügbar ist</translation>
    </message>
    <message>
        <source>DICOM file without image or waveform content</source>
        <translation>DICOM-Datei ohne Bild- oder Kurveninhalt</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>Datei nicht gefunden</translation>
    </message>
    <message>
        <source>Cannot open file</source>
        <translation>Datei kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>The language changes at the next start.</source>
        <translation>Die Sprache ändert sich beim nächsten Start.</translation>
    </message>
</context>
<context>
    <name>cardiolens::widgets::EcgWorkspace</name>
    <message>
        <source>No ECG record open.

Use File ▸ Open or drop a WFDB header (.hea) here.</source>
        <translation>Keine EKG-Aufzeichnung geöffnet.

Datei ▸ Öffnen wählen oder einen WFDB-Header (.hea) hierher ziehen.</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Ableitung</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Gain (adu/unit)</source>
        <translation>Verstärkung (ADU/Einheit)</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 leads, %3 Hz, %4 s</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: %2 Ableitungen, %3 Hz, %4 s</translation>
    </message>
    <message>
        <source>Opened record %1</source>
        <translation>Aufzeichnung %1 geöffnet</translation>
    </message>
</context>
<context>
    <name>cardiolens::widgets::ImagingWorkspace</name>
    <message>
        <source>No image open.

Use File ▸ Open or drop a DICOM file here.</source>
        <translation>Kein Bild geöffnet.

Datei ▸ Öffnen wählen oder eine DICOM-Datei hierher ziehen.</translation>
    </message>
    <message>
        <source>Auto window/level</source>
        <translation>Automatische Fensterung</translation>
    </message>
    <message>
        <source>W %1  L %2</source>
        <translation>F %1  Z %2</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 %3&lt;br&gt;%4 × %5 pixels&lt;br&gt;%6 × %7 mm per pixel</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 %3&lt;br&gt;%4 × %5 Pixel&lt;br&gt;%6 × %7 mm pro Pixel</translation>
    </message>
</context>
</TS>
