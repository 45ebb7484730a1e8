<?xml version="1.0" encoding="UTF-8"?>
<!-- The TEI text model in HTML: one template per element (or family), in two modes:
     block  – an element standing between paragraphs (div, p, list, table, lg, quote, note, figure …);
     inline – an element inside running text (hi, name, choice, add/del, pb, note marks …).
     Every element without a template of its own still shows its text, in a div or span whose class is the
     element's name: nothing is dropped. Labels of the interface come from CSS (::before/::after) or
     attributes, never from text nodes, so the page holds no word the TEI lacks.
     Included by html.xsl, which lays out the page (our synoptic view, or the flow of any other TEI). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:t="http://www.tei-c.org/ns/1.0"
  xmlns:cg="urn:cablegram"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- class="…" from an element's name, @type and @rend styles -->
  <xsl:function name="cg:classes" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="string-join((local-name($e), tokenize(normalize-space($e/@type), ' '), cg:rend-styles($e) ! concat('rend-', .)), ' ')"/>
  </xsl:function>

  <!-- id and lang carried over from the TEI element -->
  <xsl:template name="common-attributes">
    <xsl:param name="prefix" as="xs:string" tunnel="yes" select="''"/>
    <xsl:if test="@xml:id"><xsl:attribute name="id" select="concat($prefix, @xml:id)"/></xsl:if>
    <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
  </xsl:template>

  <!-- an element's content: as blocks when it holds paragraphs, lists …, else as running text -->
  <xsl:template name="children">
    <xsl:param name="blocks" as="xs:boolean" select="cg:holds-blocks(.)"/>
    <xsl:choose>
      <xsl:when test="$blocks"><xsl:apply-templates mode="block"/></xsl:when>
      <!-- elements side by side with no text between them (the parts of a location, an address): a space apart -->
      <xsl:when test="count(*) gt 1 and not(text()[normalize-space()])">
        <xsl:for-each select="node()">
          <xsl:if test="self::* and preceding-sibling::*"><xsl:text> </xsl:text></xsl:if>
          <xsl:apply-templates select="." mode="inline"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="inline"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ block level -->
  <!-- a unit of our telegram text: aligned with its counterparts by @corresp -->
  <xsl:template match="t:div[@type = 'message']/t:p" mode="block">
    <xsl:param name="prefix" as="xs:string" tunnel="yes" select="''"/>
    <p id="{$prefix}{@xml:id}" class="unit{if (@cert) then concat(' cert-', @cert) else ''}" tabindex="0">
      <xsl:if test="@corresp"><xsl:attribute name="data-corresp" select="normalize-space(replace(@corresp, '#', ''))"/></xsl:if>
      <xsl:if test="@n"><xsl:attribute name="data-n" select="@n"/></xsl:if>
      <xsl:apply-templates mode="inline"/>
    </p>
  </xsl:template>

  <!-- a paragraph; one holding a list, table or block quotation is a div (HTML's p cannot hold them) -->
  <xsl:template match="t:p" mode="block">
    <xsl:element name="{if (.//(t:list | t:table | t:lg | t:figure | t:quote[cg:holds-blocks(.)] | t:note[cg:note-place(.) = ('block', 'margin')] | t:p | t:sp | t:floatingText)) then 'div' else 'p'}">
      <xsl:attribute name="class" select="cg:classes(.)"/>
      <xsl:call-template name="common-attributes"/>
      <xsl:apply-templates mode="inline"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="t:text | t:front | t:body | t:back | t:group | t:sourceDoc" mode="block">
    <div class="tei-{local-name()}">
      <xsl:call-template name="common-attributes"/>
      <xsl:apply-templates mode="block"/>
    </div>
  </xsl:template>

  <!-- a division of any type and depth; its heads are headings of the page's outline -->
  <xsl:template match="t:div | t:div1 | t:div2 | t:div3 | t:div4 | t:div5 | t:div6 | t:div7" mode="block">
    <div class="{string-join((if (self::t:div) then () else 'div', cg:classes(.)), ' ')}">
      <xsl:call-template name="common-attributes"/>
      <xsl:apply-templates select="node()" mode="block"/>
    </div>
  </xsl:template>
  <xsl:template match="t:head[parent::t:div or parent::t:front or parent::t:back or parent::t:body or parent::t:group or matches(local-name(..), '^div[1-7]$')]" mode="block">
    <xsl:element name="h{min((6, cg:head-level(.) + 1))}">
      <xsl:attribute name="class" select="cg:classes(.)"/>
      <xsl:call-template name="common-attributes"/>
      <xsl:apply-templates mode="inline"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="t:opener | t:closer | t:postscript | t:floatingText | t:argument | t:epigraph | t:trailer[cg:holds-blocks(.)]" mode="block">
    <div class="{cg:classes(.)}">
      <xsl:call-template name="common-attributes"/>
      <xsl:apply-templates select="node()" mode="block"/>
    </div>
  </xsl:template>
  <xsl:template match="t:opener/t:seg | t:salute | t:signed | t:dateline | t:ab | t:byline | t:docAuthor | t:docDate | t:address | t:trailer" mode="block">
    <div class="{string-join((local-name(), @type), ' ')}">
      <xsl:call-template name="common-attributes"/>
      <xsl:apply-templates mode="inline"/>
    </div>
  </xsl:template>
  <xsl:template match="t:addrLine" mode="block inline">
    <span class="addrLine"><xsl:apply-templates mode="inline"/></span><br/>
  </xsl:template>

  <!-- verse: line groups and lines -->
  <xsl:template match="t:lg" mode="block">
    <div class="{cg:classes(.)}">
      <xsl:call-template name="common-attributes"/>
      <xsl:apply-templates mode="block"/>
    </div>
  </xsl:template>
  <xsl:template match="t:lg/t:head" mode="block"><div class="lg-head"><xsl:apply-templates mode="inline"/></div></xsl:template>
  <xsl:template match="t:l" mode="block">
    <div class="{cg:classes(.)}">
      <xsl:call-template name="common-attributes"/>
      <xsl:if test="@n"><xsl:attribute name="data-n" select="@n"/></xsl:if>
      <xsl:apply-templates mode="inline"/>
    </div>
  </xsl:template>

  <!-- lists: a list of labelled items (label + item pairs) is a description list -->
  <xsl:template match="t:list | t:listBibl | t:listPerson | t:listPlace | t:listOrg | t:listEvent" mode="block">
    <div class="{string-join(('list', @type), ' ')}">
      <xsl:call-template name="common-attributes"/>
      <xsl:for-each select="t:head"><div class="list-head"><xsl:apply-templates mode="inline"/></div></xsl:for-each>
      <xsl:choose>
        <xsl:when test="t:label">
          <dl>
            <xsl:for-each select="* except t:head">
              <xsl:choose>
                <xsl:when test="self::t:label"><dt><xsl:apply-templates mode="inline"/></dt></xsl:when>
                <xsl:otherwise><dd><xsl:apply-templates select="." mode="item"/></dd></xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
          </dl>
        </xsl:when>
        <xsl:otherwise>
          <xsl:element name="{if (@rend = ('numbered', 'ordered') or @type = ('ordered', 'numbered')) then 'ol' else 'ul'}">
            <xsl:for-each select="* except t:head"><li><xsl:apply-templates select="." mode="item"/></li></xsl:for-each>
          </xsl:element>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>
  <!-- an item's content: its paragraphs as blocks, or its running text -->
  <xsl:template match="t:item" mode="item">
    <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
    <xsl:call-template name="children"/>
  </xsl:template>
  <xsl:template match="*" mode="item"><xsl:apply-templates select="." mode="block"/></xsl:template>

  <xsl:template match="t:table" mode="block">
    <table class="{@type}">
      <xsl:call-template name="common-attributes"/>
      <xsl:for-each select="t:head"><caption><xsl:apply-templates mode="inline"/></caption></xsl:for-each>
      <tbody>
        <xsl:for-each select="t:row">
          <tr>
            <xsl:for-each select="t:cell">
              <xsl:element name="{if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
                <xsl:if test="@cols castable as xs:integer and xs:integer(@cols) gt 1"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
                <xsl:if test="@rows castable as xs:integer and xs:integer(@rows) gt 1"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
                <xsl:call-template name="children"/>
              </xsl:element>
            </xsl:for-each>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <!-- what a table holds besides its heads and rows (notes, page breaks) still shows -->
    <xsl:apply-templates select="* except (t:head | t:row)" mode="block"/>
  </xsl:template>

  <!-- quotation: a block quotation, or a citation (quotation + reference) -->
  <xsl:template match="t:quote[cg:holds-blocks(.) or cg:rend-styles(.) = 'indent'] | t:cit" mode="block">
    <blockquote class="{cg:classes(.)}">
      <xsl:call-template name="common-attributes"/>
      <xsl:call-template name="children"><xsl:with-param name="blocks" select="cg:holds-blocks(.) or self::t:cit"/></xsl:call-template>
    </blockquote>
  </xsl:template>
  <xsl:template match="t:cit/t:quote[not(cg:holds-blocks(.))]" mode="block" priority="1">
    <p class="quote"><xsl:apply-templates mode="inline"/></p>
  </xsl:template>
  <xsl:template match="t:cit/t:bibl | t:cit/t:ref" mode="block" priority="1">
    <p class="cit-source"><cite class="bibl"><xsl:apply-templates mode="inline"/></cite></p>
  </xsl:template>

  <xsl:template match="t:figure" mode="block inline">
    <figure class="{cg:classes(.)}">
      <xsl:call-template name="common-attributes"/>
      <xsl:apply-templates select="node() except t:head" mode="block"/>
      <xsl:for-each select="t:head"><figcaption><xsl:apply-templates mode="inline"/></figcaption></xsl:for-each>
    </figure>
  </xsl:template>
  <xsl:template match="t:figDesc" mode="block inline"><span class="figDesc"><xsl:apply-templates mode="inline"/></span></xsl:template>
  <!-- an image is linked, never loaded: the edition fetches nothing from elsewhere -->
  <xsl:template match="t:graphic | t:media" mode="block inline">
    <a class="graphic" href="{@url}" data-url="{@url}"><xsl:value-of select="tokenize(replace(@url, '[?#].*$', ''), '/')[last()]"/></a>
    <xsl:apply-templates mode="block"/>
  </xsl:template>

  <xsl:template match="t:note[@type = 'source'][cg:note-place(.) = 'block']" mode="block">
    <div class="source-line"><xsl:apply-templates mode="inline"/></div>
  </xsl:template>
  <xsl:template match="t:note" mode="block">
    <xsl:choose>
      <xsl:when test="cg:note-place(.) = 'foot'"><xsl:apply-templates select="." mode="inline"/></xsl:when>
      <xsl:otherwise>
        <aside class="note {cg:note-place(.)} {@type}">
          <xsl:call-template name="common-attributes"/>
          <xsl:call-template name="children"/>
        </aside>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- drama: speeches and stage directions -->
  <xsl:template match="t:sp" mode="block">
    <div class="sp"><xsl:call-template name="common-attributes"/><xsl:apply-templates mode="block"/></div>
  </xsl:template>
  <xsl:template match="t:speaker | t:stage | t:castItem" mode="block">
    <div class="{cg:classes(.)}"><xsl:apply-templates mode="inline"/></div>
  </xsl:template>

  <xsl:template match="t:pb | t:cb | t:lb | t:gb | t:milestone | t:fw | t:gap | t:anchor | t:space | t:addSpan | t:delSpan | t:damageSpan" mode="block">
    <xsl:apply-templates select="." mode="inline"/>
  </xsl:template>
  <xsl:template match="text()" mode="block"><xsl:if test="normalize-space()"><xsl:value-of select="."/></xsl:if></xsl:template>
  <!-- any other element: its blocks as blocks, its running text in a div named for it -->
  <xsl:template match="*" mode="block">
    <div class="{cg:classes(.)}">
      <xsl:call-template name="common-attributes"/>
      <xsl:call-template name="children"/>
    </div>
  </xsl:template>

  <!-- ============================================================ inline level -->
  <!-- names and dates, linked where they point to the web (an authority file's URI) -->
  <xsl:template match="t:persName | t:placeName | t:orgName | t:name | t:rs | t:geogName | t:roleName" mode="inline">
    <xsl:variable name="href" select="cg:web-link(.)"/>
    <xsl:element name="{if ($href) then 'a' else 'span'}">
      <xsl:attribute name="class" select="string-join(('name', local-name(), @type), ' ')"/>
      <xsl:if test="$href"><xsl:attribute name="href" select="$href"/></xsl:if>
      <xsl:if test="@ref"><xsl:attribute name="data-ref" select="@ref"/></xsl:if>
      <xsl:if test="@key"><xsl:attribute name="data-key" select="@key"/></xsl:if>
      <xsl:apply-templates mode="inline"/>
    </xsl:element>
  </xsl:template>
  <!-- a date HTML can read (@when in its date/time syntax) is a <time>; any other keeps its values as data -->
  <xsl:template match="t:date | t:time" mode="inline">
    <xsl:variable name="machine" select="matches(string(@when), '^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+\-]\d{2}:\d{2})?)?)?)?$')"/>
    <xsl:element name="{if ($machine) then 'time' else 'span'}">
      <xsl:if test="not($machine)"><xsl:attribute name="class" select="local-name()"/></xsl:if>
      <xsl:if test="$machine"><xsl:attribute name="datetime" select="@when"/></xsl:if>
      <xsl:for-each select="(if ($machine) then () else @when), @from, @to, @notBefore, @notAfter"><xsl:attribute name="data-{lower-case(local-name())}" select="."/></xsl:for-each>
      <xsl:apply-templates mode="inline"/>
    </xsl:element>
  </xsl:template>

  <!-- a reference to another telegram: a link to its page when @target names its TEI file ('STEM.xml');
       data-cable numbers the references of the document, so that the site pass (render/site.py), which
       knows the corpus, can link or unlink it; without @href it is a typed reference, not a link -->
  <xsl:template match="t:ref[@type = 'telegram']" mode="inline" priority="1">
    <xsl:variable name="file" select="tokenize(normalize-space(@target), ' ')[1]"/>
    <a class="ref telegram cable-ref" data-cable="{count(preceding::t:ref[@type = 'telegram'][ancestor::t:text]) + 1}">
      <xsl:if test="matches($file, '^(\./)?[^/#:?]+\.xml(#.*)?$')">
        <xsl:attribute name="href" select="replace($file, '^(\./)?([^/#:?]+)\.xml(#.*)?$', '$2.html')"/>
      </xsl:if>
      <xsl:if test="@n"><xsl:attribute name="data-number" select="@n"/></xsl:if>
      <xsl:apply-templates mode="inline"/>
    </a>
  </xsl:template>
  <xsl:template match="t:ref" mode="inline">
    <xsl:variable name="target" select="tokenize(normalize-space(@target), ' ')[1]"/>
    <xsl:choose>
      <xsl:when test="cg:web-link(.) or starts-with($target, '#')">
        <a class="{string-join(('ref', @type), ' ')}" href="{(cg:web-link(.)[. != ''], $target)[1]}"><xsl:apply-templates mode="inline"/></a>
      </xsl:when>
      <xsl:otherwise><span class="{string-join(('ref', @type), ' ')}"><xsl:apply-templates mode="inline"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- a pointer has no text of its own: it shows where it points -->
  <xsl:template match="t:ptr" mode="inline">
    <a class="ptr" href="{tokenize(normalize-space(@target), ' ')[1]}"><xsl:value-of select="normalize-space(@target)"/></a>
  </xsl:template>

  <xsl:template match="t:hi" mode="inline">
    <span class="{cg:classes(.)}"><xsl:apply-templates mode="inline"/></span>
  </xsl:template>
  <xsl:template match="t:emph" mode="inline"><em class="emph"><xsl:apply-templates mode="inline"/></em></xsl:template>
  <xsl:template match="t:foreign | t:distinct" mode="inline">
    <span class="{cg:classes(.)}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates mode="inline"/>
    </span>
  </xsl:template>
  <xsl:template match="t:title" mode="inline"><cite class="{cg:classes(.)}"><xsl:apply-templates mode="inline"/></cite></xsl:template>
  <xsl:template match="t:bibl" mode="inline"><cite class="bibl"><xsl:apply-templates mode="inline"/></cite></xsl:template>
  <xsl:template match="t:q | t:quote | t:said | t:soCalled | t:mentioned" mode="inline">
    <q class="{cg:classes(.)}"><xsl:apply-templates mode="inline"/></q>
  </xsl:template>
  <xsl:template match="t:quote[cg:holds-blocks(.)] | t:cit | t:lg | t:sp | t:floatingText" mode="inline">
    <xsl:apply-templates select="." mode="block"/>
  </xsl:template>

  <!-- editorial interventions: the reading first, its alternative beside it (CSS marks which is which) -->
  <xsl:template match="t:choice" mode="inline">
    <xsl:variable name="reading" select="cg:choice-reading(.)"/>
    <span class="choice">
      <xsl:apply-templates select="$reading" mode="inline"/>
      <xsl:for-each select="* except $reading">
        <xsl:text> </xsl:text>
        <span class="alternative"><xsl:apply-templates select="." mode="inline"/></span>
      </xsl:for-each>
    </span>
  </xsl:template>
  <xsl:template match="t:add" mode="inline"><ins class="{cg:classes(.)}"><xsl:apply-templates mode="inline"/></ins></xsl:template>
  <xsl:template match="t:del" mode="inline"><del class="{cg:classes(.)}"><xsl:apply-templates mode="inline"/></del></xsl:template>
  <xsl:template match="t:gap" mode="inline">
    <span class="gap" title="{string-join(('gap', @reason), ': ')}"></span>
  </xsl:template>
  <xsl:template match="t:supplied" mode="inline">
    <span class="supplied" title="{string-join(('supplied', @reason), ': ')}"><xsl:apply-templates mode="inline"/></span>
  </xsl:template>
  <xsl:template match="t:unclear | t:damage | t:sic | t:corr | t:orig | t:reg | t:abbr | t:expan | t:ex | t:am | t:subst | t:restore | t:surplus | t:secl" mode="inline">
    <span class="{string-join((local-name(), @type, @reason ! concat('reason-', .)), ' ')}"><xsl:apply-templates mode="inline"/></span>
  </xsl:template>
  <xsl:template match="t:stamp" mode="inline"><span class="stamp"><xsl:apply-templates mode="inline"/></span></xsl:template>
  <xsl:template match="t:fw" mode="inline"><span class="fw fw-{@type}"><xsl:apply-templates mode="inline"/></span></xsl:template>

  <!-- breaks and milestones: marks without text; a line break inside a word (@break='no') breaks nothing -->
  <xsl:template match="t:pb" mode="inline">
    <span class="pb" role="separator" aria-label="{string-join(('break', @type, @n), ' ')}" data-n="{@n}"></span>
  </xsl:template>
  <xsl:template match="t:cb | t:gb | t:milestone" mode="inline">
    <span class="{local-name()}" role="separator" aria-label="{string-join((local-name(), @unit, @n), ' ')}" data-n="{@n}"></span>
  </xsl:template>
  <xsl:template match="t:lb" mode="inline"><br/></xsl:template>
  <xsl:template match="t:lb[@break = 'no']" mode="inline"><span class="lb nobreak" data-n="{@n}"></span></xsl:template>
  <xsl:template match="t:anchor | t:space | t:addSpan | t:delSpan | t:damageSpan | t:caesura" mode="inline">
    <span class="{local-name()}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="t:num | t:idno | t:seg | t:label | t:term | t:gloss | t:measure | t:w | t:c | t:pc | t:s | t:phr | t:cl" mode="inline">
    <span class="{string-join((local-name(), @type), ' ')}"><xsl:apply-templates mode="inline"/></span>
  </xsl:template>

  <!-- notes: a footnote is a numbered mark here and its text in the notes; others stand where they are -->
  <xsl:template match="t:note" mode="inline">
    <xsl:param name="prefix" as="xs:string" tunnel="yes" select="''"/>
    <xsl:choose>
      <xsl:when test="cg:note-place(.) = 'foot'">
        <a class="fnref" id="{$prefix}fnref-{cg:note-id(.)}" href="#fn-{cg:note-id(.)}" aria-label="Note {cg:note-number(.)}"><sup><xsl:value-of select="cg:note-number(.)"/></sup></a>
      </xsl:when>
      <xsl:otherwise>
        <span class="note {cg:note-place(.)} {@type}"><xsl:apply-templates mode="inline"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- the text of a footnote, in the notes section -->
  <xsl:template match="t:note" mode="footnote">
    <li id="fn-{cg:note-id(.)}">
      <xsl:call-template name="children"/>
      <xsl:text> </xsl:text>
      <a class="backref" href="#fnref-{cg:note-id(.)}" aria-label="Back to the text">↩</a>
    </li>
  </xsl:template>

  <xsl:template match="t:list | t:table | t:listBibl | t:listPerson | t:listPlace" mode="inline"><xsl:apply-templates select="." mode="block"/></xsl:template>
  <!-- a paragraph or block met inside running text (inside an unknown element): its text, marked -->
  <xsl:template match="t:p | t:ab | t:l | t:head" mode="inline"><span class="{cg:classes(.)}"><xsl:apply-templates mode="inline"/></span></xsl:template>
  <xsl:template match="*" mode="inline">
    <xsl:if test="cg:among-elements(.)"><xsl:text> </xsl:text></xsl:if>
    <span class="{cg:classes(.)}"><xsl:call-template name="children"><xsl:with-param name="blocks" select="false()"/></xsl:call-template></span>
  </xsl:template>

  <!-- plain text of a docket entry (no notes, no apparatus markers) -->
  <xsl:template match="t:note" mode="inline-plain"/>
  <xsl:template match="*" mode="inline-plain"><xsl:apply-templates mode="inline-plain"/></xsl:template>
</xsl:stylesheet>
